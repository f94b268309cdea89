use leptos::prelude::*;

use crate::app::state::{use_app, Nav};
use crate::core::i18n::{language_name, texts};
use crate::core::model::Lang;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app();
    let t = move || texts(state.lang.get());
    let copied = RwSignal::new(false);
    let copy_link = move |_| {
        let href = state.canonical_link();
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&href);
        copied.set(true);
    };
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
                <h1>{move || t().title}</h1>
                <p class="subtitle">{move || t().subtitle}</p>
            </div>
            <div class="actions">
                <div class="lang-switch" role="group" aria-label=move || t().language>
                    {lang_button(Lang::Zh)}
                    {lang_button(Lang::En)}
                </div>
                <button class="share" on:click=copy_link>
                    {move || t().share}
                    <span class="copied" aria-live="polite">{move || if copied.get() { " ✓" } else { "" }}</span>
                </button>
            </div>
        </header>
    }
}
