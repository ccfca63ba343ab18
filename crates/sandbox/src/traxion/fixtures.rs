//! Every company, barcode and customer-data example of traxion-bill-payment.md, plus a
//! deterministic generated catalogue (fixed seed: identical on every run).
//!
//! Other crates' tests and benchmarks pick bills from here:
//! ```
//! use ventanilla_sandbox::fixtures;
//! let bill = fixtures::generated_bills().find(|b| !b.open).unwrap();
//! assert!(!bill.barcode.is_empty());
//! assert_eq!(fixtures::find_barcode(fixtures::GAM_BARCODE).unwrap().company_code, "1195");
//! ```

use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::catalogue::{key_parameters, Catalogue, CatalogueBill};
use super::wire::{BillMode, BillModeEntry, Company, Parameter};
use crate::ids::{digits, hex_id, Rng};

/// Seed of the generated catalogue. Fixed: the catalogue never changes between runs.
pub const CATALOGUE_SEED: u64 = 0x7A_0C10_2024;
/// Number of generated companies (besides the document's).
pub const GENERATED_COMPANIES: usize = 240;
/// Number of generated bills (besides the document's).
pub const GENERATED_BILLS: usize = 12_000;

// --- Document: companies -------------------------------------------------------------------

pub const CIMES_COMPANY_ID: &str = "16CB1F68156830E1CC92";
pub const CIMES_COMPANY_CODE: &str = "9312";
pub const DTV_COMPANY_ID: &str = "16CB1F6815771858E95F";
pub const DTV_COMPANY_CODE: &str = "57";
pub const GAM_COMPANY_ID: &str = "16CB1F68157735D21E5D";
pub const GAM_COMPANY_CODE: &str = "1195";
/// Edenor's code is not in the document; its barcodes start with it.
pub const EDENOR_COMPANY_CODE: &str = "635";
pub const BANCO_PIANO_COMPANY_CODE: &str = "11128";
pub const COMPANY_482_CODE: &str = "482";
pub const GASNOR_COMPANY_CODE: &str = "376";

// --- Document: barcodes --------------------------------------------------------------------

/// GAM, open amount: total 50.00, min 37.00, max 999999.00. The document's pay example pays it.
pub const GAM_BARCODE: &str = "0052256037008554";
/// The `externalData` of [`GAM_BARCODE`], as in the document's pay-request example.
pub const GAM_EXTERNAL_DATA: &str =
    "93A1028111DA0012497073477643454461746F7353616C69646181DC0013A76";
pub const GAM_BARCODE_2: &str = "0053354037000554";
pub const GAM_BARCODES: [&str; 2] = [GAM_BARCODE, GAM_BARCODE_2];
/// The DirecTV bill of the document's findByBarCode answer: 2748.00, customer 0086108279.
pub const DTV_EXAMPLE_BARCODE: &str = "05700861082790003832152882102060000027480005";
pub const DTV_EXAMPLE_AMOUNT_CENTS: i64 = 274_800;
pub const DTV_EXAMPLE_CUSTOMER: &str = "0086108279";
pub const DTV_BARCODES: [&str; 3] = [
    "05700638914330003812533612101160000044540007",
    "05700588402800003816542672101200000020350003",
    DTV_EXAMPLE_BARCODE,
];
pub const EDENOR_BARCODES: [&str; 2] = [
    "63500013132827902000149681000150977511241910130105",
    "63500972611425301000058362000058687511380910122101",
];
/// The document's "several companies" barcode: matches one bill of [`MULTI_COMPANY_CODE`] and one
/// of [`MULTI_COMPANY_OTHER_CODE`].
pub const MULTI_COMPANY_BARCODE: &str = "579201910127747008036409003400000101000004270050";
pub const MULTI_COMPANY_CODE: &str = "3145";
pub const MULTI_COMPANY_OTHER_CODE: &str = "5792";

/// Every barcode the document mentions.
pub fn document_barcodes() -> &'static [&'static str] {
    &[
        GAM_BARCODE,
        GAM_BARCODE_2,
        DTV_BARCODES[0],
        DTV_BARCODES[1],
        DTV_BARCODES[2],
        EDENOR_BARCODES[0],
        EDENOR_BARCODES[1],
        MULTI_COMPANY_BARCODE,
    ]
}

// --- Document: customer data ---------------------------------------------------------------

/// A findByCustomerData example: company code, bill mode, one parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomerDataExample {
    pub company_code: &'static str,
    pub mode_id: &'static str,
    pub mode_name: &'static str,
    pub param_id: &'static str,
    pub value: &'static str,
}

impl CustomerDataExample {
    /// The request body, shaped like the document's.
    pub fn request_json(&self) -> serde_json::Value {
        serde_json::json!({
            "billCompany": {"code": self.company_code},
            "billMode": {"id": self.mode_id, "name": self.mode_name},
            "parameters": [{"id": self.param_id, "value": self.value}]
        })
    }
}

pub const BANCO_PIANO_EXAMPLE: CustomerDataExample = CustomerDataExample {
    company_code: BANCO_PIANO_COMPANY_CODE,
    mode_id: "66413277267600016420",
    mode_name: "COBRANZA SIN FACTURA 10 D",
    param_id: "CBF",
    value: "20031715963",
};
pub const DTV_CUSTOMER_EXAMPLE: CustomerDataExample = CustomerDataExample {
    company_code: DTV_COMPANY_CODE,
    mode_id: "61953167179400013610",
    mode_name: "COBRANZA SIN FACTURA 10 D",
    param_id: "CBF",
    value: "11111114",
};
pub const GASNOR_EXAMPLE: CustomerDataExample = CustomerDataExample {
    company_code: GASNOR_COMPANY_CODE,
    mode_id: "45840596269800001076",
    mode_name: "COBRANZA SIN FACTURA",
    param_id: "C11",
    value: "00000004537876",
};
pub const COMPANY_482_EXAMPLE: CustomerDataExample = CustomerDataExample {
    company_code: COMPANY_482_CODE,
    mode_id: "39030785707000000527",
    mode_name: "COBRANZA SIN FACTURA - CUIT / DNI",
    param_id: "C11",
    value: "27249286090",
};
/// Not in the document (which gives CIMES AGUA's mode but no value): a sandbox addition.
pub const CIMES_EXAMPLE: CustomerDataExample = CustomerDataExample {
    company_code: CIMES_COMPANY_CODE,
    mode_id: "1811231643dfVbFIjorX",
    mode_name: "COBRANZA SIN FACTURA (CONSULTA DE DEUDA)",
    param_id: "CBF",
    value: "30708495012",
};
/// The DirecTV 2748.00 bill found by its customer number (the document's findByCustomerData
/// answer shows it).
pub const DTV_EXAMPLE_BY_CUSTOMER: CustomerDataExample = CustomerDataExample {
    company_code: DTV_COMPANY_CODE,
    mode_id: "61953167179400013610",
    mode_name: "COBRANZA SIN FACTURA 10 D",
    param_id: "CBF",
    value: DTV_EXAMPLE_CUSTOMER,
};

/// Every customer-data example (the document's four, then the sandbox's additions).
pub fn customer_data_examples() -> &'static [CustomerDataExample] {
    &[
        BANCO_PIANO_EXAMPLE,
        DTV_CUSTOMER_EXAMPLE,
        GASNOR_EXAMPLE,
        COMPANY_482_EXAMPLE,
        CIMES_EXAMPLE,
        DTV_EXAMPLE_BY_CUSTOMER,
    ]
}

// --- Public views --------------------------------------------------------------------------

/// A payable bill of the catalogue, as tests need it.
#[derive(Debug, Clone, PartialEq)]
pub struct BillFixture {
    /// Empty for bills reachable only by customer data.
    pub barcode: &'static str,
    pub company_code: &'static str,
    pub company_id: &'static str,
    pub company_name: &'static str,
    pub external_data: &'static str,
    pub customer_identifier: &'static str,
    /// `totalAmount`.
    pub amount: Decimal,
    /// `openAmount`: any amount in `[min, max]` is accepted, otherwise exactly `amount`.
    pub open: bool,
    pub min: Decimal,
    pub max: Decimal,
    /// The bill mode and parameter values that find it by customer data.
    pub mode_id: &'static str,
    pub parameters: &'static [(String, String)],
}

impl BillFixture {
    fn of(bill: &'static CatalogueBill) -> Self {
        let company = catalogue().company(bill.company);
        BillFixture {
            barcode: &bill.barcode,
            company_code: &company.code,
            company_id: &company.id,
            company_name: &company.name,
            external_data: &bill.external_data,
            customer_identifier: &bill.customer_identifier,
            amount: bill.total,
            open: bill.open,
            min: bill.min,
            max: bill.max,
            mode_id: &bill.mode_id,
            parameters: &bill.parameters,
        }
    }

    /// The findByCustomerData body that finds this bill.
    pub fn customer_data_request(&self) -> serde_json::Value {
        let params: Vec<_> = self
            .parameters
            .iter()
            .map(|(id, value)| serde_json::json!({"id": id, "value": value}))
            .collect();
        serde_json::json!({
            "billCompany": {"code": self.company_code},
            "billMode": {"id": self.mode_id},
            "parameters": params
        })
    }
}

/// The shared catalogue (built once, in a few milliseconds).
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(build)
}

/// The generated bills (not the document's), in a fixed order.
pub fn generated_bills() -> impl Iterator<Item = BillFixture> {
    catalogue()
        .bills()
        .iter()
        .filter(|b| b.generated)
        .map(BillFixture::of)
}

/// The document's bills (barcode and customer-data examples).
pub fn document_bills() -> impl Iterator<Item = BillFixture> {
    catalogue()
        .bills()
        .iter()
        .filter(|b| !b.generated)
        .map(BillFixture::of)
}

/// All bills, document's first.
pub fn all_bills() -> impl Iterator<Item = BillFixture> {
    catalogue().bills().iter().map(BillFixture::of)
}

/// The first bill with this barcode (for a multi-company barcode, the first company's).
pub fn find_barcode(barcode: &str) -> Option<BillFixture> {
    let ids = catalogue().find_by_barcode(barcode, None);
    ids.first().map(|&i| BillFixture::of(catalogue().bill(i)))
}

// --- Construction --------------------------------------------------------------------------

fn param(id: &str, name: &str, input_type: &str, order: u32, length: u32) -> Parameter {
    Parameter {
        id: id.to_owned(),
        name: name.to_owned(),
        input_type: input_type.to_owned(),
        order,
        length,
        read_only: false,
        optional: false,
    }
}

fn mode(id: &str, name: &str, parameters: Vec<Parameter>) -> BillModeEntry {
    BillModeEntry {
        bill_mode: BillMode {
            id: id.to_owned(),
            name: name.to_owned(),
        },
        parameters,
    }
}

fn company(id: &str, name: &str, code: &str, ident: &str, modes: Vec<BillModeEntry>) -> Company {
    Company {
        id: id.to_owned(),
        description: name.to_owned(),
        name: name.to_owned(),
        code: code.to_owned(),
        enable: true,
        external_name: name.to_owned(),
        allow_voluntary_amount: false,
        allow_bill_manual_payment: !modes.is_empty(),
        allow_bill_relation_payment: true,
        allow_partial_amount: false,
        customer_identifier_description: ident.to_owned(),
        bill_modes: modes,
    }
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

struct DocBill {
    company: usize,
    barcode: &'static str,
    customer: &'static str,
    total: i64,
    /// `Some((min, max))` in cents for an open amount.
    open: Option<(i64, i64)>,
    mode_id: &'static str,
    param_id: &'static str,
    external_data: Option<&'static str>,
}

fn document_companies(cat: &mut Catalogue) -> [usize; 9] {
    let cbf = |name: &str, len: u32| vec![param("CBF", name, "T", 0, len)];
    let cimes = cat.add_company(company(
        CIMES_COMPANY_ID,
        "CIMES AGUA",
        CIMES_COMPANY_CODE,
        "NUMERO DE CUIT",
        vec![mode(
            "1811231643dfVbFIjorX",
            "COBRANZA SIN FACTURA (CONSULTA DE DEUDA)",
            cbf("NUMERO DE CUIT", 19),
        )],
    ));
    let dtv = cat.add_company(company(
        DTV_COMPANY_ID,
        "DIRECT TV",
        DTV_COMPANY_CODE,
        "Nro. de Cliente",
        vec![
            mode(
                "61953167179400013610",
                "COBRANZA SIN FACTURA 10 D",
                cbf("Nro. de Cliente", 10),
            ),
            mode(
                "46505976008500000337",
                "COBRANZA SIN FACTURA (ONLINE)",
                cbf("Nro. de Cliente", 8),
            ),
            mode(
                "0812030936xfRlxsGlAx",
                "COBRANZA SIN FACTURA",
                cbf("Nro. de Cliente", 8),
            ),
        ],
    ));
    let gam = cat.add_company(company(
        GAM_COMPANY_ID,
        "GAM SALUD S.A.",
        GAM_COMPANY_CODE,
        "Nro Afiliado",
        vec![mode(
            "0812030936XmIFLDpZsV",
            "COBRANZA SIN FACTURA",
            cbf("Nro Afiliado", 10),
        )],
    ));
    let edenor = cat.add_company(company(
        "16CB1F6815812A4B7C03",
        "EDENOR",
        EDENOR_COMPANY_CODE,
        "Nro. de Cuenta",
        vec![mode(
            "0812030936EdNrCtaXyZ",
            "COBRANZA SIN FACTURA",
            cbf("Nro. de Cuenta", 13),
        )],
    ));
    let piano = cat.add_company(company(
        "16CB1F6815A3D0C8B411",
        "BANCO PIANO",
        BANCO_PIANO_COMPANY_CODE,
        "Codigo de Factura",
        vec![mode(
            BANCO_PIANO_EXAMPLE.mode_id,
            BANCO_PIANO_EXAMPLE.mode_name,
            cbf("Codigo de Factura", 11),
        )],
    ));
    let c482 = cat.add_company(company(
        "16CB1F6815B77E01A2C9",
        "MUNICIPALIDAD DE CORDOBA",
        COMPANY_482_CODE,
        "CUIT / DNI",
        vec![mode(
            COMPANY_482_EXAMPLE.mode_id,
            COMPANY_482_EXAMPLE.mode_name,
            vec![param("C11", "CUIT / DNI", "N", 0, 11)],
        )],
    ));
    let gasnor = cat.add_company(company(
        "16CB1F6815C0F3A7D5E2",
        "GASNOR",
        GASNOR_COMPANY_CODE,
        "Nro. de Cliente",
        vec![mode(
            GASNOR_EXAMPLE.mode_id,
            GASNOR_EXAMPLE.mode_name,
            vec![param("C11", "Nro. de Cliente", "N", 0, 14)],
        )],
    ));
    let aguas = cat.add_company(company(
        "16CB1F6815D1E2F30415",
        "AGUAS CORDOBESAS",
        MULTI_COMPANY_CODE,
        "Nro. de Cuenta",
        vec![mode(
            "0812030936AgCbCtaQwE",
            "COBRANZA SIN FACTURA",
            cbf("Nro. de Cuenta", 12),
        )],
    ));
    let epec = cat.add_company(company(
        "16CB1F6815E2F3041526",
        "EPEC",
        MULTI_COMPANY_OTHER_CODE,
        "Nro. de Suministro",
        vec![mode(
            "0812030936EpCcSumRtY",
            "COBRANZA SIN FACTURA",
            cbf("Nro. de Suministro", 12),
        )],
    ));
    [cimes, dtv, gam, edenor, piano, c482, gasnor, aguas, epec]
}

fn document_bills_spec(c: [usize; 9]) -> Vec<DocBill> {
    let [cimes, dtv, gam, edenor, piano, c482, gasnor, aguas, epec] = c;
    let dtv_mode = "61953167179400013610";
    let gam_mode = "0812030936XmIFLDpZsV";
    let fixed = |company, barcode, customer, total, mode_id, param_id| DocBill {
        company,
        barcode,
        customer,
        total,
        open: None,
        mode_id,
        param_id,
        external_data: None,
    };
    vec![
        DocBill {
            company: gam,
            barcode: GAM_BARCODE,
            customer: "0052256",
            total: 5_000,
            open: Some((3_700, 99_999_900)),
            mode_id: gam_mode,
            param_id: "CBF",
            external_data: Some(GAM_EXTERNAL_DATA),
        },
        DocBill {
            company: gam,
            barcode: GAM_BARCODE_2,
            customer: "0053354",
            total: 5_000,
            open: Some((3_700, 99_999_900)),
            mode_id: gam_mode,
            param_id: "CBF",
            external_data: None,
        },
        fixed(dtv, DTV_BARCODES[0], "0063891433", 445_400, dtv_mode, "CBF"),
        fixed(dtv, DTV_BARCODES[1], "0058840280", 203_500, dtv_mode, "CBF"),
        fixed(
            dtv,
            DTV_BARCODES[2],
            DTV_EXAMPLE_CUSTOMER,
            DTV_EXAMPLE_AMOUNT_CENTS,
            dtv_mode,
            "CBF",
        ),
        fixed(
            edenor,
            EDENOR_BARCODES[0],
            "0001313282790",
            149_681,
            "0812030936EdNrCtaXyZ",
            "CBF",
        ),
        fixed(
            edenor,
            EDENOR_BARCODES[1],
            "0097261142530",
            58_362,
            "0812030936EdNrCtaXyZ",
            "CBF",
        ),
        fixed(
            aguas,
            MULTI_COMPANY_BARCODE,
            "010127747008",
            42_700,
            "0812030936AgCbCtaQwE",
            "CBF",
        ),
        fixed(
            epec,
            MULTI_COMPANY_BARCODE,
            "036409003400",
            101_000,
            "0812030936EpCcSumRtY",
            "CBF",
        ),
        fixed(
            dtv,
            "",
            DTV_CUSTOMER_EXAMPLE.value,
            312_000,
            dtv_mode,
            "CBF",
        ),
        DocBill {
            company: piano,
            barcode: "",
            customer: BANCO_PIANO_EXAMPLE.value,
            total: 1_523_050,
            open: Some((100, 1_523_050)),
            mode_id: BANCO_PIANO_EXAMPLE.mode_id,
            param_id: "CBF",
            external_data: None,
        },
        fixed(
            c482,
            "",
            COMPANY_482_EXAMPLE.value,
            356_000,
            COMPANY_482_EXAMPLE.mode_id,
            "C11",
        ),
        fixed(
            gasnor,
            "",
            GASNOR_EXAMPLE.value,
            218_743,
            GASNOR_EXAMPLE.mode_id,
            "C11",
        ),
        fixed(
            cimes,
            "",
            CIMES_EXAMPLE.value,
            183_025,
            CIMES_EXAMPLE.mode_id,
            "CBF",
        ),
    ]
}

fn external_data(n: u64) -> String {
    format!("93A1028111DA0012497073{}", hex_id(CATALOGUE_SEED, n, 42))
}

fn build() -> Catalogue {
    let mut cat = Catalogue::with_capacity(GENERATED_COMPANIES + 16, GENERATED_BILLS + 32);
    let doc = document_companies(&mut cat);
    for (i, b) in document_bills_spec(doc).into_iter().enumerate() {
        let (min, max) = b.open.unwrap_or((b.total, b.total));
        cat.add_bill(CatalogueBill {
            company: b.company,
            external_data: b
                .external_data
                .map(str::to_owned)
                .unwrap_or_else(|| external_data(i as u64)),
            barcode: b.barcode.to_owned(),
            customer_identifier: b.customer.to_owned(),
            description: format!("Cliente: {}\n", b.customer),
            total: cents(b.total),
            open: b.open.is_some(),
            min: cents(min),
            max: cents(max),
            mode_id: b.mode_id.to_owned(),
            parameters: vec![(b.param_id.to_owned(), b.customer.to_owned())],
            generated: false,
        });
    }
    generate(&mut cat);
    cat
}

const KINDS: [&str; 15] = [
    "AGUAS",
    "COOPERATIVA ELECTRICA",
    "MUNICIPALIDAD",
    "GAS NATURAL",
    "TELEFONICA",
    "INTERNET",
    "CABLE",
    "COLEGIO",
    "OBRA SOCIAL",
    "SEGUROS",
    "TARJETA",
    "CREDITOS",
    "CLUB",
    "INMOBILIARIA",
    "RENTAS",
];
const PLACES: [&str; 18] = [
    "DEL NORTE",
    "DEL SUR",
    "DE SALTA",
    "DE TUCUMAN",
    "DE MENDOZA",
    "DE CORDOBA",
    "DE ROSARIO",
    "DE MAR DEL PLATA",
    "DE NEUQUEN",
    "DE BAHIA BLANCA",
    "DE SAN JUAN",
    "DE JUJUY",
    "DE CORRIENTES",
    "DE POSADAS",
    "DE SANTA FE",
    "DEL LITORAL",
    "PATAGONICA",
    "CUYANA",
];
const MODE_NAMES: [&str; 5] = [
    "COBRANZA SIN FACTURA",
    "COBRANZA SIN FACTURA (ONLINE)",
    "COBRANZA SIN FACTURA 10 D",
    "CONSULTA DE DEUDA",
    "PAGO A CUENTA",
];
const BARCODE_LENGTHS: [usize; 10] = [16, 19, 23, 29, 30, 36, 40, 44, 48, 50];

fn generated_modes(rng: &mut Rng, company_no: u64) -> Vec<BillModeEntry> {
    let count = rng.range(1, 3);
    (0..count)
        .map(|m| {
            let mut params = vec![if rng.chance(50) {
                param("CBF", "Nro. de Cliente", "T", 0, rng.range(8, 19) as u32)
            } else {
                param("C11", "Nro. de Cuenta", "N", 0, rng.range(8, 14) as u32)
            }];
            match rng.below(4) {
                0 => params.push(param("FEC", "Fecha de Vencimiento", "D", 1, 10)),
                1 => params.push(param("DNI", "DNI del Titular", "N", 1, 8)),
                2 => params.push(Parameter {
                    optional: true,
                    ..param("IMP", "Importe a Pagar", "I", 1, 12)
                }),
                _ => {}
            }
            if rng.chance(30) {
                let order = params.len() as u32;
                params.push(Parameter {
                    read_only: true,
                    ..param("SUC", "Sucursal", "T", order, 4)
                });
            }
            let id = digits(CATALOGUE_SEED, 2_000_000 + company_no * 10 + m, 20);
            let name = MODE_NAMES[rng.below(MODE_NAMES.len() as u64) as usize];
            mode(&id, name, params)
        })
        .collect()
}

fn generate(cat: &mut Catalogue) {
    let mut rng = Rng::new(CATALOGUE_SEED);
    let first_company = cat.companies().len();
    let mut barcode_len = Vec::with_capacity(GENERATED_COMPANIES);
    for i in 0..GENERATED_COMPANIES {
        let n = i as u64;
        let name = format!("{} {}", KINDS[i % KINDS.len()], PLACES[i / KINDS.len()]);
        let code = (20_000 + i * 13).to_string();
        let modes = generated_modes(&mut rng, n);
        let ident = modes[0].parameters[0].name.clone();
        let mut c = company(
            &hex_id(CATALOGUE_SEED, 1_000_000 + n, 20),
            &name,
            &code,
            &ident,
            modes,
        );
        c.allow_partial_amount = rng.chance(20);
        cat.add_company(c);
        barcode_len.push(*rng.pick(&BARCODE_LENGTHS));
    }
    for i in 0..GENERATED_BILLS {
        let n = i as u64;
        let company_idx = first_company + rng.below(GENERATED_COMPANIES as u64) as usize;
        let company = cat.company(company_idx);
        let entry = &company.bill_modes[rng.below(company.bill_modes.len() as u64) as usize];
        let mode_id = entry.bill_mode.id.clone();
        let customer_no = 1_000_000 + n * 7 + rng.below(7);
        let parameters: Vec<(String, String)> = key_parameters(entry)
            .into_iter()
            .map(|p| {
                let value = match p.input_type.as_str() {
                    "D" => {
                        let day = rng.below(365) as i64;
                        (chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date")
                            + chrono::Duration::days(day))
                        .format("%Y-%m-%d")
                        .to_string()
                    }
                    "I" => cents(rng.range(100, 100_000) as i64).to_string(),
                    _ if p.id == "DNI" => rng.range(10_000_000, 45_000_000).to_string(),
                    _ => format!(
                        "{customer_no:0>width$}",
                        width = (p.length as usize).min(10)
                    ),
                };
                (p.id.clone(), value)
            })
            .collect();
        let customer = parameters[0].1.clone();
        // Company code + bill number make it unique; hash digits fill it; last is a check digit.
        let len = barcode_len[company_idx - first_company];
        let mut barcode = format!("{}{:06}", company.code, i);
        barcode.push_str(&digits(
            CATALOGUE_SEED,
            3_000_000 + n,
            len - barcode.len() - 1,
        ));
        barcode.push(check_digit(&barcode));
        let total = rng.range(1_000, 5_000_000) as i64;
        let open = rng.chance(30);
        let (min, max) = if open {
            (
                if rng.chance(50) { 100 } else { total / 10 },
                if rng.chance(50) {
                    total * 2
                } else {
                    99_999_900
                },
            )
        } else {
            (total, total)
        };
        cat.add_bill(CatalogueBill {
            company: company_idx,
            external_data: external_data(10_000 + n),
            barcode,
            description: format!("Cliente: {customer}\n"),
            customer_identifier: customer,
            total: cents(total),
            open,
            min: cents(min),
            max: cents(max),
            mode_id,
            parameters,
            generated: true,
        });
    }
}

/// Mod-10 weighted (1,3) check digit.
fn check_digit(digits: &str) -> char {
    let mut sum = 0u32;
    let mut weight = 1;
    for b in digits.bytes() {
        sum += u32::from(b - b'0') * weight;
        weight = 4 - weight;
    }
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn catalogue_is_large_unique_and_deterministic() {
        let cat = catalogue();
        assert!(cat.companies().len() >= 200);
        assert!(generated_bills().count() >= 10_000);
        let barcodes: Vec<&str> = generated_bills().map(|b| b.barcode).collect();
        let unique: HashSet<&str> = barcodes.iter().copied().collect();
        assert_eq!(unique.len(), barcodes.len());
        for b in &barcodes {
            assert!((16..=50).contains(&b.len()), "{b}");
            assert!(b.bytes().all(|c| c.is_ascii_digit()));
            assert!(!document_barcodes().contains(b));
        }
        // Same as a fresh build, and quick to make (about 0.1 s unoptimised, far less in release).
        let t = std::time::Instant::now();
        let again = build();
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        assert_eq!(again.bills().len(), cat.bills().len());
        assert_eq!(again.bills()[500].barcode, cat.bills()[500].barcode);
        assert_eq!(again.bills()[500].total, cat.bills()[500].total);
    }

    #[test]
    fn generated_bills_are_found_by_their_customer_data() {
        let cat = catalogue();
        for b in generated_bills().step_by(97) {
            let found = cat
                .find_by_customer_data(b.company_code, b.mode_id, b.parameters)
                .unwrap();
            assert!(
                found
                    .iter()
                    .any(|&i| cat.bill(i).external_data == b.external_data),
                "{b:?}"
            );
            let by_code = cat.find_by_barcode(b.barcode, None);
            assert_eq!(by_code.len(), 1);
        }
    }

    #[test]
    fn every_generated_mode_has_a_searchable_parameter() {
        for c in catalogue().companies() {
            for m in &c.bill_modes {
                assert!(
                    !key_parameters(m).is_empty(),
                    "{} {}",
                    c.code,
                    m.bill_mode.id
                );
            }
        }
    }
}
