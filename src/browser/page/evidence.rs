//! The evidence rooms, each loaded on its own when first used: the self-audit (`audit()`,
//! `#kite-audit`), the DPIA report and inventory (`report()`), and consent receipts (after
//! each choice).

use super::rooms::{self, room};
use super::{current, Page, RECEIPT_KEY};
use crate::policy::audit::{self, Finding};
use crate::policy::locale;
use crate::policy::receipt::{self, Receipt};
use crate::policy::record::DecidedBy;
use crate::policy::view::{self, ConsentView};
use std::rc::Rc;

room!(audit:
    /// The self-audit: what on this page works against Kite, each finding with its fix. Also
    /// printed in the console.
    pub(super) fn audit(page: Rc<Page>) -> Vec<Finding> {
        run_audit(&page)
    }
);

room!(audit:
    /// `#kite-audit`: shows the self-audit on screen, even on a page whose CSS hides Kite.
    pub(super) fn show_audit() -> () {
        show(())
    }
);

fn run_audit(page: &Page) -> Vec<Finding> {
    let facts = crate::browser::audit::facts(page.before_choice.borrow().clone(), page.violations.borrow().clone());
    let findings = audit::audit(&facts, &page.config());
    let summary = audit::summary(&findings);
    if findings.is_empty() {
        web_sys::console::info_1(&summary.into());
    } else {
        web_sys::console::warn_1(&summary.into());
    }
    findings
}

fn show(_: ()) {
    let Some(page) = current() else { return };
    locale::add(&locale::AUDIT);
    let findings = run_audit(&page);
    if let Some(root) = crate::browser::document().query_selector(crate::ui::HOST_TAG).ok().flatten().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
        for (property, value) in [("display", "block"), ("visibility", "visible"), ("opacity", "1")] {
            let _ = root.style().set_property_with_priority(property, value, "important");
        }
    }
    rooms::show(&page, Rc::new(move |_, words| Some(view::audit(words, &findings))), Rc::new(|_, _| {}));
}

room!(report:
    /// The DPIA evidence from the running config: `code` (the Children's Code report),
    /// `inventory` (Markdown) or `inventory-csv`. None for another kind.
    pub(super) fn report(page: Rc<Page>, kind: String) -> Option<String> {
        use crate::policy::report;
        let config = page.config();
        match kind.as_str() {
            "code" => Some(report::code_report(&config)),
            "inventory" => Some(report::inventory_markdown(&config)),
            "inventory-csv" => Some(report::inventory_csv(&config)),
            _ => None,
        }
    }
);

room!(receipts:
    /// Makes the receipt of the choice just made: a random number, and SHA-256 of the words
    /// shown (by the browser's own `crypto.subtle`). Keeps it in the browser and, when the
    /// config names an endpoint, sends it there with `navigator.sendBeacon` and nothing else.
    pub(super) fn issue_receipt(page: Rc<Page>, by: DecidedBy) -> () {
        issue(&page, by)
    }
);

fn issue(page: &Page, by: DecidedBy) {
    locale::add(&locale::PREFS);
    let Some(window) = web_sys::window() else { return };
    let (mut receipt, text, endpoint) = {
        let consent = page.consent.borrow();
        let Some(record) = consent.record() else { return };
        let view = ConsentView::of(&consent, page.lang);
        let mut random = [0u8; 10];
        if window.crypto().and_then(|c| c.get_random_values_with_u8_array(&mut random)).is_err() {
            return;
        }
        let receipt = Receipt {
            number: receipt::number(&random),
            time: record.time,
            revision: record.revision,
            wording: String::new(),
            by,
            lang: page.lang,
            band: view.words.band,
            choices: record.choices.clone(),
        };
        (receipt, receipt::wording(&view, record.revision), consent.config().receipt_endpoint.clone())
    };
    let keep = page.lasting();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(subtle) = window.crypto().map(|c| c.subtle()) else { return };
        let mut bytes = text.into_bytes();
        let Ok(digest) = subtle.digest_with_str_and_u8_array("SHA-256", &mut bytes) else { return };
        let Ok(hash) = wasm_bindgen_futures::JsFuture::from(digest).await else { return };
        receipt.wording = js_sys::Uint8Array::new(&hash).to_vec().iter().map(|b| format!("{b:02x}")).collect();
        let json = receipt.to_json();
        crate::browser::keep(keep, RECEIPT_KEY, &json);
        if let Some(url) = endpoint {
            let _ = window.navigator().send_beacon_with_opt_str(&url, Some(&json));
        }
    });
}
