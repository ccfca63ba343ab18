//! The platform's taxpayers and what each owes: property tax, vehicle tax, business licence,
//! fines and items of the online store, several per taxpayer. Fixed (not seeded), so tests and
//! the counter's demo always find the same debts.

use rust_decimal::Decimal;
use ventanilla_core::Currency;

use super::rif::{DocId, Kind};

/// What a debt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebtKind {
    PropertyTax,
    VehicleTax,
    BusinessLicence,
    Fine,
    StoreItem,
}

/// A registered taxpayer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taxpayer {
    pub doc: DocId,
    pub name: &'static str,
}

/// One pending item, with its platform-wide id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debt {
    pub id: u64,
    pub doc: DocId,
    pub kind: DebtKind,
    pub description: &'static str,
    pub amount: Decimal,
}

const MARIA: DocId = DocId::new(Kind::V, 12_345_678);
const ANDES: DocId = DocId::new(Kind::J, 40_157_748);
const SMITH: DocId = DocId::new(Kind::E, 84_512_397);
const INSTITUTO: DocId = DocId::new(Kind::G, 20_004_567);
const PANADERIA: DocId = DocId::new(Kind::J, 31_102_468);
const PEDRO: DocId = DocId::new(Kind::V, 8_765_432);

/// Every registered taxpayer; `V-8765432` owes nothing.
pub const TAXPAYERS: [Taxpayer; 6] = [
    Taxpayer {
        doc: MARIA,
        name: "María Alejandra González",
    },
    Taxpayer {
        doc: ANDES,
        name: "Inversiones Los Andes, C.A.",
    },
    Taxpayer {
        doc: SMITH,
        name: "John Smith",
    },
    Taxpayer {
        doc: INSTITUTO,
        name: "Instituto Autónomo Municipal de Deportes",
    },
    Taxpayer {
        doc: PANADERIA,
        name: "Panadería La Esquina, C.A.",
    },
    Taxpayer {
        doc: PEDRO,
        name: "Pedro José Pérez",
    },
];

/// (id, taxpayer, kind, description, amount in hundredths).
type Row = (u64, DocId, DebtKind, &'static str, i64);

const DEBTS: [Row; 15] = [
    (
        1001,
        MARIA,
        DebtKind::PropertyTax,
        "Impuesto inmobiliario urbano 2025 - 4to trimestre",
        485_000,
    ),
    (
        1002,
        MARIA,
        DebtKind::VehicleTax,
        "Impuesto sobre vehículos 2025 - placa AB123CD",
        127_550,
    ),
    (
        1003,
        MARIA,
        DebtKind::Fine,
        "Multa de tránsito N° 2025-00871",
        35_000,
    ),
    (
        1004,
        MARIA,
        DebtKind::StoreItem,
        "Tienda virtual: certificado de solvencia municipal",
        12_000,
    ),
    (
        2001,
        ANDES,
        DebtKind::BusinessLicence,
        "Actividades económicas enero 2025",
        1_843_025,
    ),
    (
        2002,
        ANDES,
        DebtKind::BusinessLicence,
        "Actividades económicas febrero 2025",
        1_790_510,
    ),
    (
        2003,
        ANDES,
        DebtKind::PropertyTax,
        "Impuesto inmobiliario local comercial 2025",
        960_000,
    ),
    (
        2004,
        ANDES,
        DebtKind::Fine,
        "Multa por declaración extemporánea",
        250_000,
    ),
    (
        3001,
        SMITH,
        DebtKind::VehicleTax,
        "Impuesto sobre vehículos 2025 - placa AC456EF",
        89_000,
    ),
    (
        3002,
        SMITH,
        DebtKind::Fine,
        "Multa por estacionamiento indebido",
        15_000,
    ),
    (
        4001,
        INSTITUTO,
        DebtKind::StoreItem,
        "Tienda virtual: formularios de inscripción",
        7_500,
    ),
    (
        4002,
        INSTITUTO,
        DebtKind::PropertyTax,
        "Impuesto inmobiliario complejo deportivo 2025",
        320_000,
    ),
    (
        5001,
        PANADERIA,
        DebtKind::BusinessLicence,
        "Licencia de actividades económicas 2025",
        675_000,
    ),
    (
        5002,
        PANADERIA,
        DebtKind::StoreItem,
        "Tienda virtual: placa identificadora de comercio",
        4_500,
    ),
    (
        5003,
        PANADERIA,
        DebtKind::Fine,
        "Multa sanitaria N° 4471",
        60_000,
    ),
];

/// The registered taxpayer with this id, if any.
pub fn taxpayer(doc: DocId) -> Option<&'static Taxpayer> {
    TAXPAYERS.iter().find(|t| t.doc == doc)
}

/// Every debt, amounts at the currency's scale.
pub fn debts(currency: Currency) -> Vec<Debt> {
    let scale = currency.scale();
    DEBTS
        .iter()
        .map(|&(id, doc, kind, description, hundredths)| {
            let mut amount = Decimal::new(hundredths, 2).round_dp(scale);
            amount.rescale(scale);
            Debt {
                id,
                doc,
                kind,
                description,
                amount,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_id_is_a_valid_document_id() {
        for t in TAXPAYERS {
            assert_eq!(DocId::parse(&t.doc.rif()), Ok(t.doc), "{}", t.doc);
            assert_eq!(DocId::parse(&t.doc.to_string()), Ok(t.doc), "{}", t.doc);
        }
        assert_eq!(ANDES.to_string(), "J-40157748-2");
        for d in DEBTS {
            assert!(taxpayer(d.1).is_some(), "debt {} has a taxpayer", d.0);
        }
        let maria = debts(Currency::Ves)
            .into_iter()
            .filter(|d| d.doc == MARIA)
            .count();
        assert!(maria >= 3);
    }

    #[test]
    fn amounts_take_the_currency_scale() {
        let ves = debts(Currency::Ves);
        assert_eq!(ves[1].amount.to_string(), "1275.50");
        let clp = debts(Currency::Clp);
        assert_eq!(clp[1].amount.to_string(), "1276");
    }
}
