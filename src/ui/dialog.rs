//! The one accessible dialog every room reuses: labelled by its heading, focus moved into it
//! when it opens, Escape handled, and for a modal dialog a focus trap, a backdrop and focus
//! returned to where it was when it closes.
//!
//! WAI-ARIA Authoring Practices, dialog (modal) pattern.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, ShadowRoot};

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), a[href], select:not([disabled]), textarea:not([disabled]), [tabindex=\"0\"]";

/// The element that has focus, looking inside shadow roots.
fn focused() -> Option<Element> {
    let mut element = crate::browser::document().active_element()?;
    while let Some(inner) = element.shadow_root().and_then(|r| r.active_element()) {
        element = inner;
    }
    Some(element)
}

/// A dialog with a heading that names it and a close (×) button.
#[component]
pub fn Dialog(
    /// The id given to the heading that names the dialog.
    #[prop(into)]
    labelled_by: String,
    /// The heading's text.
    title: String,
    /// The close button's accessible name.
    close_label: String,
    /// Runs when the close button is pressed.
    on_close: Callback<()>,
    /// Modal: traps focus, shows a backdrop and returns focus when closed. A non-modal dialog
    /// (the banner) only takes focus when it appears.
    modal: bool,
    /// Runs when Escape is pressed inside the dialog.
    on_escape: Callback<()>,
    /// A class for the dialog's outer element, such as `kite-banner`.
    #[prop(into)]
    class: String,
    /// The dialog's content.
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    let previous = StoredValue::new_local(focused());
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    if modal {
        on_cleanup(move || {
            let target = previous.try_get_value().flatten().filter(|e| e.is_connected());
            match target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                Some(element) => {
                    let _ = element.focus();
                }
                // What opened it has gone (the banner after a choice): focus the settings button.
                None => request_animation_frame(|| {
                    let button = crate::browser::document()
                        .query_selector(super::HOST_TAG)
                        .ok()
                        .flatten()
                        .and_then(|host| host.shadow_root())
                        .and_then(|root| root.query_selector(".kite-settings").ok().flatten())
                        .and_then(|b| b.dyn_into::<HtmlElement>().ok());
                    if let Some(button) = button {
                        let _ = button.focus();
                    }
                }),
            }
        });
    }
    let on_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            event.stop_propagation();
            on_escape.run(());
        }
        "Tab" if modal => {
            let Some(panel) = panel.get_untracked() else { return };
            let Ok(list) = panel.query_selector_all(FOCUSABLE) else { return };
            let items: Vec<HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
            let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
            let active = panel.get_root_node().dyn_into::<ShadowRoot>().ok().and_then(|r| r.active_element());
            let active = active.as_ref().map(|a| a.unchecked_ref::<HtmlElement>());
            let on_panel = active.is_some_and(|a| a == panel.unchecked_ref::<HtmlElement>());
            if event.shift_key() && (active == Some(first) || on_panel) {
                event.prevent_default();
                let _ = last.focus();
            } else if !event.shift_key() && active == Some(last) {
                event.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    view! {
        <div class=format!("kite-dialog {class}")>
            {modal.then(|| view! { <div class="kite-backdrop"></div> })}
            <div
                node_ref=panel
                class="kite-panel"
                role="dialog"
                aria-modal=if modal { "true" } else { "false" }
                aria-labelledby=labelled_by.clone()
                tabindex="-1"
                on:keydown=on_keydown
            >
                <div class="kite-head">
                    <h2 id=labelled_by.clone() class="kite-title">{title}</h2>
                    <button type="button" class="kite-close" data-action="close" aria-label=close_label on:click=move |_| on_close.run(()) inner_html=super::CLOSE_ICON></button>
                </div>
                {children()}
            </div>
        </div>
    }
}
