//! One bill payment: what the app asks to send, how the hub must see it, and the check that an
//! answer is about it.

use ventanilla_core::{ClientTransactionId, ExternalData, Money};

use super::wire;
use crate::error::GatewayError;

/// One bill payment to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleRequest {
    /// The idempotency key: resending it returns the original sale, never a second one.
    pub client_transaction_id: ClientTransactionId,
    pub amount: Money,
    /// The bill company's id (`billCompany.id`), which the hub calls the product.
    pub product_id: String,
    pub external_data: ExternalData,
}

pub fn pay_request(sale: &SaleRequest) -> wire::PayRequest<'_> {
    wire::PayRequest {
        transaction_type: wire::TRANSACTION_TYPE_SALE,
        // `Money` is always at its currency's scale, so this is sent as `50.00`.
        amount: wire::WireAmount(sale.amount.amount()),
        client_transaction_id: sale.client_transaction_id.as_str(),
        product: wire::ProductRef {
            id: &sale.product_id,
        },
        transaction_data: wire::PayTransactionData {
            class_name: wire::CLASS_BILL_PAYMENT,
            external_data: &sale.external_data.0,
        },
    }
}

/// An answer that names another sale, or another amount, is not an answer about ours: a
/// crossed wire or a proxy's mistake must never settle this sale. It is unreadable, so the
/// caller asks the hub about our own `clientTransactionId` instead.
pub fn about_this_sale(answered: &wire::Sale, sent: &SaleRequest) -> Result<(), GatewayError> {
    if let Some(echo) = answered.client_transaction_id.as_deref() {
        if echo != sent.client_transaction_id.as_str() {
            return Err(GatewayError::BadAnswer(format!(
                "sent sale {}, the hub answered about sale {echo}",
                sent.client_transaction_id
            )));
        }
    }
    if let Some(amount) = answered.amount {
        if amount.0 != sent.amount.amount() {
            return Err(GatewayError::BadAnswer(format!(
                "sent {}, the hub answered about {}",
                sent.amount.amount(),
                amount.0
            )));
        }
    }
    Ok(())
}
