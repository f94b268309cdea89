use leptos::prelude::*;

use crate::app::state::use_app;
use crate::core::i18n::{facet_label, problem_label, texts};

/// Says exactly what the link held that the view could not use.
#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app();
    let dismissed = RwSignal::new(false);
    // A new link brings its own notices back.
    Effect::new(move |_| {
        state.notices.track();
        dismissed.set(false);
    });
    let visible = move || !dismissed.get() && state.notices.with(|n| !n.is_empty());
    view! {
        <Show when=visible>
            <div class="notice" role="status" data-testid="notice">
                <p>{move || texts(state.lang.get()).ignored_from_link}</p>
                <ul>
                    {move || {
                        let lang = state.lang.get();
                        state
                            .notices
                            .get()
                            .into_iter()
                            .map(|n| {
                                let key_label = facet_label(&n.key, lang);
                                let key = if key_label.is_empty() { n.key.clone() } else { format!("{} ({})", n.key, key_label) };
                                view! {
                                    <li>
                                        <code>{key}</code>
                                        " = "
                                        <code>{format!("“{}”", n.value)}</code>
                                        " — "
                                        {problem_label(n.problem, lang)}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button on:click=move |_| dismissed.set(true)>{move || texts(state.lang.get()).dismiss}</button>
            </div>
        </Show>
    }
}
