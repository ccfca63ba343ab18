//! What the screen receives. Every amount arrives formatted; the UI never computes money.
//! TypeScript declarations for these types are generated with the screen's commands (see
//! `ipc/` and `tests/bindings.rs`), so the screen and the core cannot drift apart silently.
//! Ids and second counts are typed `number` there: they stay far below 2^53.

mod attention;
mod bill;
mod info;
mod money;
mod receipt;
mod sale;
mod status;
mod tax;
mod tender;
mod ticket;

pub use attention::AttentionView;
pub use bill::{
    BarcodeLookup, BillModeView, BillView, CashQuote, CompanyChoice, CompanyView, EarlierSale,
    EarlierSaleView, ParamValue, ParamView,
};
pub use info::AppInfo;
pub use money::MoneyView;
pub use receipt::{ProvisionalSale, ReceiptFile, ReceiptOutcome};
pub use sale::{ReceiptState, SaleView};
pub use status::{ContingencyView, LinkView, StatusView};
pub use tax::{TaxDebtView, TaxDebtsView, TaxLineView, TaxOrderItemView, TaxOrderView};
pub use tender::{CardStrayView, TenderView, WalletChargeView};
pub use ticket::{
    ProvisionalTicket, RefundState, TicketItemView, TicketMoneyView, TicketReceiptFile, TicketView,
};
