use leptos::prelude::*;

use crate::app::state::{use_app, Nav};
use crate::core::i18n::{language_name, texts};
use crate::core::model::Lang;
use super::list_picker::ListPicker;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let copied = RwSignal::new(false);
    // Where the Clipboard API is refused (insecure origin, no permission), the link is
    // shown selected in a text field instead, ready for Ctrl+C.
    let fallback = RwSignal::new(None::<String>);
    let field = NodeRef::<leptos::html::Input>::new();
    let copy_link = move |_| {
        let href = state.canonical_link();
        let promise = window().navigator().clipboard().write_text(&href);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => {
                    fallback.set(None);
                    copied.set(true);
                }
                Err(_) => fallback.set(Some(href)),
            }
        });
    };
    Effect::new(move |_| {
        if let (Some(link), Some(input)) = (fallback.get(), field.get()) {
            // Set here, not only through the binding, so the selection covers the link.
            input.set_value(&link);
            let _ = input.focus();
            input.select();
        }
    });
    let lang_button = move |lang: Lang| {
        view! {
            <button
                class="lang"
                aria-pressed=move || (state.lang.get() == lang).to_string()
                on:click=move |_| state.update(Nav::Push, |v| v.lang = Some(lang))
                lang=if lang == Lang::Zh { "zh-CN" } else { "en" }
            >
                {language_name(lang)}
            </button>
        }
    };
    view! {
        <header class="top">
            <div class="titles">
                <h1>{move || state.title()}</h1>
                <p class="subtitle">{move || if state.is_embedded() {
                    t().subtitle.to_string()
                } else {
                    state.catalog.with(|c| c.ds.region.get(state.lang.get()).to_string())
                }}</p>
            </div>
            <div class="actions">
                <ListPicker/>
                <div class="lang-switch" role="group" aria-label=move || t().language>
                    {lang_button(Lang::Zh)}
                    {lang_button(Lang::En)}
                </div>
                <button class="share" on:click=copy_link>
                    {move || t().share}
                    <span class="copied" aria-live="polite">{move || if copied.get() { " ✓" } else { "" }}</span>
                </button>
                <Show when=move || fallback.with(Option::is_some)>
                    <input
                        class="share-fallback"
                        data-testid="share-fallback"
                        readonly
                        aria-label=move || t().share
                        node_ref=field
                        prop:value=move || fallback.get().unwrap_or_default()
                    />
                </Show>
            </div>
        </header>
    }
}
