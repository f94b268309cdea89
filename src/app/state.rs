//! The one place UI state lives: everything is derived from the URL's query string.
//! Components read the memos here and change the view only through `set_view`.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::audit::{audit, AuditItem, Status};
use crate::core::cube::{Cube, CubeBuilder, MIN_ROWS as CUBE_MIN_ROWS, STEP_ROWS};
use crate::core::dataset::Catalog;
use crate::core::describe::describe_filter;
use crate::core::export::chart_file_name;
use crate::core::filter::{select, Counts, Facet, Selection};
use crate::core::i18n::texts;
use crate::core::model::Lang;
use crate::core::query::{parse, resolve, with_lang_and_release, Notice, Problem, ViewState};
use crate::app::lists::{Failed, Loaded, Lists};
use crate::core::sort::table_order;

pub use crate::app::location::Nav;
use crate::app::location::Location;

#[derive(Clone, Copy)]
pub struct AppState {
    pub catalog: RwSignal<Arc<Catalog>>,
    /// Name of the user file whose rows replace the embedded data (`None`: embedded).
    pub loaded_file: RwSignal<Option<String>>,
    /// The published list the catalog holds (`None`: the embedded list or a user's file).
    pub current: RwSignal<Option<Arc<Loaded>>>,
    /// The list the view is compared with (`vs=`), once it is loaded.
    pub versus: RwSignal<Option<Arc<Loaded>>>,
    pub lists: Lists,
    /// The link names a published list that is not loaded yet: until it is, nothing in
    /// the URL is resolved, rewritten or reported.
    pub pending: Memo<bool>,
    embedded: StoredValue<Arc<Catalog>>,
    /// The list being fetched for the view, so a second run of the effect does not fetch it again.
    opening: StoredValue<Option<String>>,
    /// The view as the URL states it, with values unknown to this dataset dropped.
    pub view: Memo<ViewState>,
    /// Everything the URL held that the view ignored.
    pub notices: Memo<Vec<Notice>>,
    pub lang: Memo<Lang>,
    /// Indices of the projects in view, in table order.
    pub rows: Memo<Vec<usize>>,
    /// The same projects in dataset order: read in order, for sums and charts that do not
    /// follow the table's order.
    pub in_view: Memo<Arc<Vec<usize>>>,
    /// What each facet value and theme would show if chosen, under the other filters.
    pub counts: Memo<Arc<Counts>>,
    pub audit: Memo<Arc<Vec<AuditItem>>>,
    /// The audit and the cleared filter's selection, computed ahead in tasks of their own
    /// for a list about to be shown (`prepare`): a 100,000-project list's first render then
    /// does neither.
    ahead: StoredValue<Ahead>,
    /// The field last typed into and the query it wrote: further keystrokes in it replace
    /// that history entry, while the first one pushes a new entry, so that Back returns
    /// to the choice made before the typing.
    typed: StoredValue<Option<(&'static str, String)>>,
    /// While the page is printed (or shown as for print).
    pub printing: ReadSignal<bool>,
    /// While the window is a phone's width (the CSS's one-column breakpoint, 760 px); false
    /// until the browser is first idle.
    pub narrow: ReadSignal<bool>,
    /// What the start-up rewrite of `lang`/`v` replaced, shown until the next choice.
    replaced_at_start: RwSignal<Vec<Notice>>,
    location: Location,
}

/// The browser's preferred language, used only when a link names none.
fn browser_lang() -> Lang {
    let nav = window().navigator().language().unwrap_or_default();
    if nav.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

impl AppState {
    pub fn new(catalog: Arc<Catalog>) -> AppState {
        let embedded = StoredValue::new(catalog.clone());
        let catalog = RwSignal::new(catalog);
        let location = Location::new();
        let lists = Lists::new();
        let current = RwSignal::new(None::<Arc<Loaded>>);
        let parsed = Memo::new(move |_| parse(&location.search()));
        let resolved = Memo::new(move |_| {
            let (mut view, mut notices) = parsed.get();
            let have = current.with(|c| c.as_ref().map(|l| l.id.clone()));
            if view.list != have {
                match view.list.as_deref().and_then(|id| lists.failure(id)) {
                    // The list could not be opened: the embedded one is shown, and the
                    // link's release was that list's.
                    Some(failed) => {
                        notices.push(list_notice("ds", &failed, lists));
                        view.list = None;
                        view.release = None;
                    }
                    None => return (view, Vec::new(), true),
                }
            }
            if let Some(failed) = view.versus.as_deref().and_then(|id| lists.failure(id)) {
                notices.push(list_notice("vs", &failed, lists));
                view.versus = None;
            }
            notices.extend(catalog.with(|c| resolve(&mut view, c)));
            (view, notices, false)
        });
        let pending = Memo::new(move |_| resolved.with(|r| r.2));
        let view = Memo::new(move |_| resolved.with(|(v, _, _)| v.clone()));
        let replaced_at_start = RwSignal::new(Vec::<Notice>::new());
        let notices = Memo::new(move |_| {
            let mut all = replaced_at_start.get();
            all.extend(resolved.with(|(_, n, _)| n.clone()));
            all
        });
        let fallback_lang = browser_lang();
        let lang = Memo::new(move |_| view.with(|v| v.lang).unwrap_or(fallback_lang));
        // Every project in table order: sorted again only when the sort, the language or
        // the data changes, so that a filter click is one pass over it.
        let sort = Memo::new(move |_| view.with(|v| v.sort));
        let order = Memo::new(move |_| {
            let (sort, lang) = (sort.get(), lang.get());
            catalog.with(|c| table_order(c, sort, lang))
        });
        let filter = Memo::new(move |_| view.with(|v| v.filter.clone()));
        // One pass over the rows per filter gives both what is in view and every count.
        let ahead = StoredValue::new(Ahead::default());
        let selection = Memo::new(move |_| {
            filter.with(|f| {
                catalog.with(|c| {
                    // The cleared filter's selection is kept for its list; a filter on one
                    // facet is added up from the list's cube once it is built.
                    let prepared = ahead.try_with_value(|a| match f.is_empty() {
                        true => kept_for(&a.selection, c),
                        false => kept_for(&a.cube, c).and_then(|cube| cube.select(c, f)).map(Arc::new),
                    });
                    prepared.flatten().unwrap_or_else(|| Arc::new(select(c, f)))
                })
            })
        });
        let rows = Memo::new(move |_| selection.with(|s| order.with(|o| s.in_order(o))));
        let counts = Memo::new(move |_| selection.with(|s| Arc::new(s.counts.clone())));
        let in_view = Memo::new(move |_| selection.with(|s| Arc::new(s.in_dataset_order())));
        let audit = Memo::new(move |_| {
            catalog.with(|c| ahead.try_update_value(|a| take_for(&mut a.audit, c)).flatten().unwrap_or_else(|| Arc::new(audit(&c.ds))))
        });
        Effect::new(move |_| {
            let c = catalog.get();
            crate::app::CURRENT.with(|slot| *slot.borrow_mut() = Some(c));
        });
        let state = AppState {
            catalog,
            loaded_file: RwSignal::new(None),
            current,
            versus: RwSignal::new(None),
            lists,
            pending,
            embedded,
            opening: StoredValue::new(None),
            view,
            notices,
            lang,
            rows,
            in_view,
            counts,
            audit,
            ahead,
            replaced_at_start,
            typed: StoredValue::new(None),
            printing: crate::app::print::printing(),
            narrow: {
                // Read by the panels mounted at idle only: followed from then, not at start-up.
                let (narrow, set) = signal(false);
                crate::app::when_idle(300, move || crate::app::media_query::follow("(max-width: 760px)", set));
                narrow
            },
            location,
        };
        crate::app::theme::install(state.printing);
        // A link without a usable `lang` or `v` gets them written in, so that a link copied
        // from the address bar reopens in the same language and names its data release.
        // What they replaced is reported once, until the reader's next choice.
        // A published list's release is known once it is loaded (`adopt_list` writes it).
        let release = catalog.with_untracked(|c| c.ds.release.clone());
        let named_list = parsed.with_untracked(|(v, _)| v.list.is_some());
        let release = (!named_list).then_some(release.as_str());
        if let Some((query, replaced)) = with_lang_and_release(&location.search_untracked(), fallback_lang, release) {
            replaced_at_start.set(replaced);
            state.location.navigate(&query, Nav::Replace);
        }
        // The list the URL names, opened when it changes (a link, the picker, Back).
        Effect::new(move |_| {
            let want = parsed.with(|(v, _)| v.list.clone());
            lists.failed.track();
            let have = current.with_untracked(|c| c.as_ref().map(|l| l.id.clone()));
            if want == have {
                return;
            }
            match want {
                Some(id) if lists.failure(&id).is_none() => state.open_list(id),
                // Back to the embedded list, or a list that failed: the embedded one is shown.
                _ => {
                    if have.is_some() {
                        state.show_embedded();
                    }
                }
            }
        });
        // The list compared with, loaded beside the one shown.
        Effect::new(move |_| {
            let want = parsed.with(|(v, _)| v.versus.clone());
            let versus = state.versus;
            match want {
                None => versus.set(None),
                Some(id) if versus.with_untracked(|v| v.as_ref().is_some_and(|l| l.id == id)) => {}
                Some(id) => {
                    versus.set(None);
                    leptos::task::spawn_local(async move {
                        let loaded = lists.open(id.clone()).await;
                        if parsed.with_untracked(|(v, _)| v.versus.as_deref() == Some(id.as_str())) {
                            versus.set(loaded);
                        }
                    });
                }
            }
        });
        // The manifest waits for idle time, so the first view costs no request.
        crate::app::when_idle(4000, move || lists.fetch_manifest());
        // Every list shown gets its facet cube, built in the background (long lists only).
        Effect::new(move |_| {
            let c = catalog.get();
            leptos::task::spawn_local(async move { state.build_cube(c).await });
        });
        state
    }

    /// Fetches (or takes from those kept) the list `id` and shows it if the URL still names it.
    fn open_list(&self, id: String) {
        if self.opening.with_value(|o| o.as_deref() == Some(id.as_str())) {
            return;
        }
        self.opening.set_value(Some(id.clone()));
        let state = *self;
        leptos::task::spawn_local(async move {
            let loaded = state.lists.open(id.clone()).await;
            state.opening.set_value(None);
            let still_wanted = state.location.search_untracked();
            if parse(&still_wanted).0.list.as_deref() != Some(id.as_str()) {
                return;
            }
            match loaded {
                Some(l) => state.adopt_list(l),
                None => {
                    if state.current.with_untracked(Option::is_some) {
                        state.show_embedded();
                    }
                }
            }
        });
    }

    /// Audits `catalog` and selects its projects under a cleared filter, a task each, for
    /// the memos to take when it is shown with the filter cleared (a loaded file is).
    pub async fn prepare(&self, catalog: &Arc<Catalog>) {
        let items = Arc::new(audit(&catalog.ds));
        self.ahead.update_value(|a| a.audit = Some((Arc::downgrade(catalog), items)));
        crate::app::next_task().await;
        let selection = Arc::new(select(catalog, &Default::default()));
        self.ahead.update_value(|a| a.selection = Some((Arc::downgrade(catalog), selection)));
        crate::app::next_task().await;
    }

    /// Builds `catalog`'s facet cube (`core::cube`) a step per task, after the list is
    /// shown; clicks use it once it is done. Given up if another list is shown meanwhile.
    pub async fn build_cube(&self, catalog: Arc<Catalog>) {
        if catalog.rows.len() < CUBE_MIN_ROWS {
            return;
        }
        let Some(mut builder) = CubeBuilder::new(&catalog) else { return };
        loop {
            crate::app::next_task().await;
            let shown = self.catalog.try_with_untracked(|c| Arc::ptr_eq(c, &catalog)).unwrap_or(false);
            if !shown {
                return;
            }
            if builder.step(&catalog, STEP_ROWS) {
                break;
            }
        }
        let cube = Arc::new(builder.finish());
        self.ahead.update_value(|a| a.cube = Some((Arc::downgrade(&catalog), cube)));
    }

    /// Shows a loaded list, and writes its release into a link that names none.
    fn adopt_list(&self, l: Arc<Loaded>) {
        let release = l.catalog.ds.release.clone();
        self.loaded_file.set(None);
        self.catalog.set(l.catalog.clone());
        self.current.set(Some(l));
        if let Some((query, replaced)) = with_lang_and_release(&self.location.search_untracked(), self.lang.get_untracked(), Some(&release)) {
            self.replaced_at_start.set(replaced);
            self.location.navigate(&query, Nav::Replace);
        }
    }

    /// Shows the embedded list again.
    pub fn show_embedded(&self) {
        self.loaded_file.set(None);
        self.current.set(None);
        self.catalog.set(self.embedded.get_value());
    }

    /// The embedded list, whatever is shown.
    pub fn embedded(&self) -> Arc<Catalog> {
        self.embedded.get_value()
    }

    /// Whether the embedded list is shown (no published list, no user file).
    pub fn is_embedded(&self) -> bool {
        self.current.with(Option::is_none) && self.loaded_file.with(Option::is_none)
    }

    /// The title of what is shown: the explorer's own for the embedded list, else the list's.
    pub fn title(&self) -> String {
        let lang = self.lang.get();
        if self.is_embedded() {
            texts(lang).title.to_string()
        } else {
            self.catalog.with(|c| c.ds.source.title.get(lang).to_string())
        }
    }

    /// Writes a view into the URL; the memos above follow. A view the reader makes
    /// is a view of the data loaded now, so it carries the current release.
    pub fn set_view(&self, mut next: ViewState, nav: Nav) {
        if next.lang.is_none() {
            next.lang = Some(self.lang.get_untracked());
        }
        // While a named list loads, its release is not known yet: the link keeps its own.
        if !self.pending.get_untracked() {
            next.release = Some(self.catalog.with_untracked(|c| c.ds.release.clone()));
        }
        // A choice that changes nothing (the language already shown, a link to this view)
        // makes no history entry, which Back would spend on nothing, and no reactive pass.
        if matches!(nav, Nav::Push) && self.view.with_untracked(|now| *now == next) {
            return;
        }
        if self.replaced_at_start.with_untracked(|n| !n.is_empty()) {
            self.replaced_at_start.set(Vec::new());
        }
        self.location.navigate(&next.to_query(), nav);
    }

    /// A keystroke in the text field `field`: one history entry per run of typing.
    pub fn update_typed(&self, field: &'static str, change: impl FnOnce(&mut ViewState)) {
        let here = self.location.search_untracked();
        let continuing = self.typed.with_value(|t| t.as_ref().is_some_and(|(f, q)| *f == field && *q == here));
        self.update(if continuing { Nav::Replace } else { Nav::Push }, change);
        self.typed.set_value(Some((field, self.location.search_untracked())));
    }

    /// Applies `change` to a copy of the current view and navigates to it.
    pub fn update(&self, nav: Nav, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.view.get_untracked();
        change(&mut next);
        self.set_view(next, nav);
    }

    pub fn toggle(&self, facet: Facet, value: &str) {
        self.update(Nav::Push, |v| v.filter.toggle(facet, value));
    }

    pub fn toggle_theme(&self, theme: &str) {
        self.update(Nav::Push, |v| {
            if !v.filter.themes.remove(theme) {
                v.filter.themes.insert(theme.to_string());
            }
        });
    }

    /// Opens a project's detail (a new history entry).
    pub fn open_project(&self, id: &str) {
        self.update(Nav::Push, |v| v.project = Some(id.to_string()));
    }

    /// Link to the current view with a project opened (or closed with `None`).
    pub fn href_with_project(&self, project: Option<&str>) -> String {
        let mut v = self.view.get();
        v.project = project.map(String::from);
        v.lang = Some(self.lang.get());
        v.release = Some(self.catalog.with(|c| c.ds.release.clone()));
        format!("?{}", v.to_query())
    }

    /// The canonical link to the view: fixed key order, defaults left out, language and
    /// release always stated, whatever order the address bar happens to hold.
    pub fn canonical_link(&self) -> String {
        let mut v = self.view.get();
        v.lang = Some(self.lang.get());
        v.release = Some(self.catalog.with(|c| c.ds.release.clone()));
        let loc = window().location();
        let origin = loc.origin().unwrap_or_default();
        let path = loc.pathname().unwrap_or_else(|_| "/".into());
        format!("{origin}{path}?{}", v.to_query())
    }

    /// Two lines for exported charts: the filter in words, then the source and link.
    pub fn caption(&self) -> String {
        format!("{}\n{} · {}", self.filter_in_words(), self.source_credit(), self.canonical_link())
    }

    /// The filter in words, in the reader's language.
    pub fn filter_in_words(&self) -> String {
        let lang = self.lang.get();
        self.catalog.with(|c| self.view.with(|v| describe_filter(c, &v.filter, lang)))
    }

    /// Where the data comes from: the source, the region and the release.
    pub fn source_credit(&self) -> String {
        let lang = self.lang.get();
        let embedded = self.is_embedded();
        self.catalog.with(|c| {
            let source = if embedded { texts(lang).source_line.to_string() } else { c.ds.source.title.get(lang).to_string() };
            format!("{source} · {} {}", c.ds.region.get(lang), c.ds.release)
        })
    }

    /// A chart image's download name, in the form of the data exports' names.
    pub fn file_name(&self, chart: &str, ext: &str) -> String {
        self.view.with(|v| self.catalog.with(|c| chart_file_name(c, v, chart, ext)))
    }

    /// Whether a project has a contradiction flagged by the audit.
    pub fn flagged(&self, project_id: &str) -> bool {
        self.audit.with(|items| {
            items.iter().any(|i| i.status == Status::Contradiction && i.project.as_deref() == Some(project_id))
        })
    }
}

/// What `prepare` computed, each with the list it is of. A weak reference, not an
/// address: a list dropped meanwhile cannot be mistaken for one allocated where it was.
#[derive(Default)]
struct Ahead {
    audit: Option<(std::sync::Weak<Catalog>, Arc<Vec<AuditItem>>)>,
    /// The cleared filter's selection, kept while its list is the one computed ahead.
    selection: Option<(std::sync::Weak<Catalog>, Arc<Selection>)>,
    cube: Option<(std::sync::Weak<Catalog>, Arc<Cube>)>,
}

/// The value in `slot` if it is `catalog`'s, kept there.
fn kept_for<T: Clone>(slot: &Option<(std::sync::Weak<Catalog>, T)>, catalog: &Arc<Catalog>) -> Option<T> {
    slot.as_ref().filter(|(of, _)| std::ptr::eq(of.as_ptr(), Arc::as_ptr(catalog))).map(|(_, v)| v.clone())
}

/// The value in `slot` if it is `catalog`'s; the slot is emptied either way.
fn take_for<T>(slot: &mut Option<(std::sync::Weak<Catalog>, T)>, catalog: &Arc<Catalog>) -> Option<T> {
    slot.take().filter(|(of, _)| std::ptr::eq(of.as_ptr(), Arc::as_ptr(catalog))).map(|(_, v)| v)
}

/// The notice for a list that could not be opened: unknown ids get the nearest known one.
fn list_notice(key: &str, failed: &Failed, lists: Lists) -> Notice {
    match failed.problem {
        Problem::UnknownValue => {
            let known: Vec<String> = lists.manifest.with(|m| {
                m.as_ref().and_then(|m| m.as_ref().ok()).map(|m| m.ids().map(String::from).collect()).unwrap_or_default()
            });
            Notice::unknown(key, &failed.id, known.iter().map(String::as_str))
        }
        problem => Notice::new(key, &failed.id, problem),
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
