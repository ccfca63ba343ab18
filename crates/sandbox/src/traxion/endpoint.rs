//! The hub's endpoints, as fault rules name them (`pay`, `sales_query`, ...), and requests are
//! counted.

use std::fmt;

use crate::faults::target::GatewayEndpoint;

/// One of the hub's endpoints, or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// Every hub endpoint (not the admin API).
    All,
    /// `POST /login`
    Login,
    /// `GET /sales/billPayment/availablesCompanies`
    Companies,
    /// `POST /sales/billPayment/availablesBill/findByBarCode`
    FindBarcode,
    /// `POST /sales/billPayment/availablesBill/findByCustomerData`
    FindCustomer,
    /// `POST /sales/billPayment/`
    Pay,
    /// `GET /sale/{id}`
    Sale,
    /// `GET /sale/{id}/receipt`
    Receipt,
    /// `GET /sales?clientTransactionId=`
    SalesQuery,
}

impl Endpoint {
    pub const ALL: [Endpoint; 9] = [
        Endpoint::All,
        Endpoint::Login,
        Endpoint::Companies,
        Endpoint::FindBarcode,
        Endpoint::FindCustomer,
        Endpoint::Pay,
        Endpoint::Sale,
        Endpoint::Receipt,
        Endpoint::SalesQuery,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::All => "all",
            Endpoint::Login => "login",
            Endpoint::Companies => "companies",
            Endpoint::FindBarcode => "find_barcode",
            Endpoint::FindCustomer => "find_customer",
            Endpoint::Pay => "pay",
            Endpoint::Sale => "sale",
            Endpoint::Receipt => "receipt",
            Endpoint::SalesQuery => "sales_query",
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl GatewayEndpoint for Endpoint {
    const GATEWAY: &'static str = "traxion";

    fn every() -> &'static [Self] {
        &Endpoint::ALL
    }

    fn name(self) -> &'static str {
        self.as_str()
    }

    fn is_all(self) -> bool {
        self == Endpoint::All
    }

    fn bends(self) -> bool {
        self == Endpoint::Pay
    }
}
