//! The screen's commands. To add one: a line here calling its use case, and the screen that
//! calls the generated function; nothing else (the desktop shell forwards every command).

use super::args::{argument, arguments, malformed, no_other_arguments, unknown};
use super::typescript::{camel, name_of, Types};
use crate::error::UiError;
use crate::service::Ventanilla;
use crate::views::{
    AppInfo, AttentionView, BarcodeLookup, BillView, CardStrayView, CashQuote, CompanyView,
    ContingencyView, ParamValue, ProvisionalSale, ProvisionalTicket, ReceiptFile, SaleView,
    StatusView, TaxDebtsView, TaxOrderView, TicketReceiptFile, TicketView, WalletChargeView,
};

declare_commands! {
    /// What this counter is and how it is set up.
    app_info() -> AppInfo = |app| Ok(app.info());
    /// A scanned or typed barcode: the bill, or the companies to choose from.
    find_by_barcode(raw: String) -> BarcodeLookup = |app| app.find_by_barcode(&raw).await;
    /// The barcode again, once the cashier chose the company.
    find_by_barcode_for_company(raw: String, company_code: String) -> Vec<BillView> =
        |app| app.find_by_barcode_for_company(&raw, &company_code).await;
    /// The companies whose name or code contains the filter.
    companies(filter: String) -> Vec<CompanyView> = |app| app.companies(&filter).await;
    /// Bills found by the customer's data for one of the company's bill modes.
    find_by_customer_data(company_code: String, mode_id: String, values: Vec<ParamValue>)
        -> Vec<BillView> =
        |app| app.find_by_customer_data(&company_code, &mode_id, &values).await;
    /// The change for cash received, as typed by the cashier.
    quote_cash(bill_key: i64, amount: String, received: String) -> CashQuote =
        |app| app.quote_cash(bill_key, &amount, &received);
    /// Takes the cash: the sale is journaled before it is sent.
    pay_cash(bill_key: i64, amount: String, received: String) -> SaleView =
        |app| app.pay_cash(bill_key, &amount, &received);
    /// The customer's ticket being built.
    ticket() -> TicketView = |app| Ok(app.ticket());
    /// Adds a looked-up bill to the ticket, at `amount` as typed (empty: its total).
    ticket_add_bill(bill_key: i64, amount: String) -> TicketView =
        |app| app.ticket_add_bill(bill_key, &amount);
    /// Changes what is charged for an open-amount bill of the ticket.
    ticket_set_amount(position: u32, amount: String) -> TicketView =
        |app| app.ticket_set_amount(position, &amount);
    /// Takes an item out of the ticket before payment.
    ticket_remove(position: u32) -> TicketView = |app| app.ticket_remove(position);
    /// Drops the ticket before payment; nothing is sent.
    ticket_abandon() -> TicketView = |app| Ok(app.ticket_abandon());
    /// Asks the card terminal for `amount` as typed (empty: all that is still owed); the card's
    /// verdict arrives as `draft-changed` (or `ticket-changed` when it covers the ticket).
    ticket_pay_card(amount: String) -> TicketView = |app| app.ticket_pay_card(&amount).await;
    /// Stops waiting for the card at the terminal.
    ticket_cancel_card() -> TicketView = |app| app.ticket_cancel_card();
    /// Shows a wallet-connect QR code for `amount` as typed (empty: all still owed); the
    /// charge's outcome arrives as `draft-changed` (or `ticket-changed`).
    ticket_pay_wallet(amount: String) -> TicketView = |app| app.ticket_pay_wallet(&amount).await;
    /// Stops waiting for the customer's wallet.
    ticket_cancel_wallet() -> TicketView = |app| app.ticket_cancel_wallet();
    /// Wallet charges a person must look at (answer lost, money to hand back).
    wallet_attention() -> Vec<WalletChargeView> = |app| app.wallet_attention();
    /// A supervisor settles a wallet charge whose answer was lost, with the customer's txid
    /// (empty: nothing was taken).
    wallet_settle_unknown(reference: String, txid: String) -> () =
        |app| app.wallet_settle_unknown(&reference, &txid).await;
    /// A supervisor handed back a wallet charge without a sale.
    wallet_refunded(reference: String, by: String) -> () =
        |app| app.wallet_refunded(&reference, &by);
    /// Card money taken without a sale, to hand back.
    card_strays() -> Vec<CardStrayView> = |app| app.card_strays();
    /// A supervisor handed back a card charge without a sale.
    card_stray_refunded(capture_id: String, by: String) -> () =
        |app| app.card_stray_refunded(&capture_id, &by);
    /// The change for the ticket's cash as typed, recording nothing.
    ticket_quote_cash(received: String) -> CashQuote = |app| app.ticket_quote_cash(&received);
    /// Takes the cash for the whole ticket: journaled before any item is sent.
    ticket_pay_cash(received: String) -> TicketView = |app| app.ticket_pay_cash(&received);
    /// Takes the cash for the ticket while the hub is unreachable, on provisional receipts.
    ticket_pay_cash_offline(received: String) -> ProvisionalTicket =
        |app| app.ticket_pay_cash_offline(&received);
    /// A paid ticket as it stands.
    paid_ticket(id: i64) -> TicketView = |app| app.paid_ticket(id);
    /// Paid tickets with an item still waiting or a refund not confirmed.
    tickets_in_flight() -> Vec<TicketView> = |app| app.tickets_in_flight();
    /// The cashier handed back a rejected item's amount.
    confirm_refund(ticket_id: i64, position: u32) -> TicketView =
        |app| app.confirm_refund(ticket_id, position);
    /// The ticket's summary receipt as a PDF (a copy when reprinted).
    ticket_summary_pdf(ticket_id: i64, copy: bool) -> TicketReceiptFile =
        |app| app.ticket_summary_pdf(ticket_id, copy);
    /// The ticket a sale was paid in, if any.
    ticket_of_sale(sale_id: i64) -> Option<TicketView> = |app| app.ticket_of_sale(sale_id);
    /// One sale as it stands now.
    sale(id: i64) -> SaleView = |app| app.sale(id);
    /// The sales still waiting for the hub's final answer.
    sales_in_flight() -> Vec<SaleView> = |app| app.sales_in_flight();
    /// The latest sales, newest first.
    history(limit: u32) -> Vec<SaleView> = |app| app.history(limit);
    /// The receipt of a sale as a PDF (a copy when reprinted).
    receipt_pdf(sale_id: i64, copy: bool) -> ReceiptFile = |app| app.receipt_pdf(sale_id, copy);
    /// Links, queue, contingency and journal check.
    status() -> StatusView = |app| app.status();
    /// The supervisor turns offline sales on or off, with their caps.
    set_contingency(enabled: bool, per_payment_cap: String, total_cap: String, window_hours: u32)
        -> ContingencyView =
        |app| app.set_contingency(enabled, &per_payment_cap, &total_cap, window_hours);
    /// Takes the cash while the hub is unreachable, as a provisional sale.
    pay_cash_offline(bill_key: i64, amount: String, received: String) -> ProvisionalSale =
        |app| app.pay_cash_offline(bill_key, &amount, &received);
    /// Sales settled while the app was down (found at start-up), for the cashier to see.
    settled_at_start() -> Vec<SaleView> = |app| app.settled_at_start();
    /// Operations the sender gave up on, for the supervisor.
    needs_attention() -> Vec<AttentionView> = |app| app.needs_attention();
    /// The supervisor sends an operation again.
    retry_attention(outbox_id: i64) -> () = |app| app.retry_attention(outbox_id);
    /// The supervisor settles an operation by hand, with a note.
    resolve_attention(outbox_id: i64, note: String) -> () =
        |app| app.resolve_attention(outbox_id, &note);
    /// What a taxpayer owes, by the document id as typed (V-12345678, J-40157748-2).
    tax_debts(doc_id: String) -> TaxDebtsView = |app| app.tax_debts(&doc_id).await;
    /// Creates an order of those debts at the tax platform; its debts join the ticket.
    tax_create_order(doc_id: String, debt_ids: Vec<String>) -> TaxOrderView =
        |app| app.tax_create_order(&doc_id, &debt_ids).await;
    /// Adds (`add`) or removes debts of an open tax order; the ticket follows.
    tax_change_order(order: i64, add: bool, debt_ids: Vec<String>) -> TaxOrderView =
        |app| app.tax_change_order(order, add, &debt_ids).await;
    /// Cancels an open tax order and takes its debts off the ticket.
    tax_cancel_order(order: i64) -> TaxOrderView = |app| app.tax_cancel_order(order).await;
    /// A tax order as it stands (its countdown, each debt's state).
    tax_order(order: i64) -> TaxOrderView = |app| app.tax_order(order);
}
