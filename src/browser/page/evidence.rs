//! The evidence rooms, each loaded on its own when first used: the self-audit (`audit()`,
//! `#kite-audit`), the DPIA report and inventory (`report()`), and consent receipts (after
//! each choice).

use super::rooms::{self, room, Port};
use super::{console_error, current, Page, RECEIPT_KEY};
use crate::policy::audit::{self, Finding};
use crate::policy::locale;
use crate::policy::receipt::{self, Receipt};
use crate::policy::record::DecidedBy;
use crate::policy::view::{self, ConsentView};
use js_sys::Reflect;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// What the core asks of the self-audit room.
pub trait Audit: Port {
    /// The findings, as `[{ kind, element, message }]` (also printed in the console).
    fn findings(&self) -> JsValue;
    /// Shows the findings on screen (`#kite-audit`), even on a page whose CSS hides Kite.
    fn show(&self);
}

/// What the core asks of the report room.
pub trait Report: Port {
    /// The DPIA evidence from the running config: `code` (the Children's Code report),
    /// `inventory` (Markdown) or `inventory-csv`. None for another kind.
    fn report(&self, kind: &str) -> Option<String>;
}

/// What the core asks of the receipts room.
pub trait Receipts: Port {
    /// Makes the receipt of the choice just made by `by`.
    fn issue(&self, by: DecidedBy);
}

room!(audit, "2fe80250d9d7f14d862c6b96e780a0f0", AUDIT:
    /// Loads the self-audit room.
    pub(super) fn load_audit() -> Rc<dyn Audit> {
        Rc::new(AuditRoom)
    }
);

room!(report, "89e7356540090c7b166012232b37cd93", REPORT:
    /// Loads the report room.
    pub(super) fn load_report() -> Rc<dyn Report> {
        Rc::new(ReportRoom)
    }
);

room!(receipts, "79d35e9b81112e6983729346436fc05d", RECEIPTS:
    /// Loads the receipts room.
    pub(super) fn load_receipts() -> Rc<dyn Receipts> {
        locale::add(&locale::PREFS);
        Rc::new(ReceiptsRoom)
    }
);

struct AuditRoom;
struct ReportRoom;
struct ReceiptsRoom;

impl Port for AuditRoom {}
impl Port for ReportRoom {}
impl Port for ReceiptsRoom {}

impl Audit for AuditRoom {
    fn findings(&self) -> JsValue {
        let list = js_sys::Array::new();
        let Some(page) = current() else { return list.into() };
        for finding in run_audit(&page) {
            let item = js_sys::Object::new();
            let _ = Reflect::set(&item, &"kind".into(), &finding.kind.into());
            let _ = Reflect::set(&item, &"element".into(), &finding.element.as_str().into());
            let _ = Reflect::set(&item, &"message".into(), &finding.message.as_str().into());
            list.push(&item);
        }
        list.into()
    }

    fn show(&self) {
        show()
    }
}

impl Report for ReportRoom {
    fn report(&self, kind: &str) -> Option<String> {
        use crate::policy::report;
        let page = current()?;
        let config = page.config();
        match kind {
            "code" => Some(report::code_report(&config)),
            "inventory" => Some(report::inventory_markdown(&config)),
            "inventory-csv" => Some(report::inventory_csv(&config)),
            _ => {
                console_error(&format!("report: \"{kind}\" is not a report; use \"code\", \"inventory\" or \"inventory-csv\"."));
                None
            }
        }
    }
}

impl Receipts for ReceiptsRoom {
    fn issue(&self, by: DecidedBy) {
        if let Some(page) = current() {
            issue(&page, by);
        }
    }
}

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

fn show() {
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

fn issue(page: &Page, by: DecidedBy) {
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
        let bytes = text.into_bytes();
        let Ok(digest) = subtle.digest_with_str_and_u8_array("SHA-256", &bytes) else { return };
        let Ok(hash) = wasm_bindgen_futures::JsFuture::from(digest).await else { return };
        receipt.wording = js_sys::Uint8Array::new(&hash).to_vec().iter().map(|b| format!("{b:02x}")).collect();
        let json = receipt.to_json();
        crate::browser::keep(keep, RECEIPT_KEY, &json);
        if let Some(url) = endpoint {
            let _ = window.navigator().send_beacon_with_opt_str(&url, Some(&json));
        }
    });
}
