//! Companies and bill searches against the sandbox's catalogue (the document's examples).

use std::collections::BTreeSet;
use ventanilla_core::{AmountRule, Barcode, InputType};
use ventanilla_gateways::GatewayError;
use ventanilla_sandbox::fixtures;

use crate::support::*;

fn barcode(s: &str) -> Barcode {
    Barcode::parse(s).unwrap()
}

#[tokio::test]
async fn companies_with_and_without_filters() {
    let sb = sandbox().await;
    let client = client(&sb);

    let all = client.companies(None, None).await.unwrap();
    assert!(all.len() > 9, "{}", all.len());
    let cimes = all
        .iter()
        .find(|c| c.code == fixtures::CIMES_COMPANY_CODE)
        .expect("the document's company is listed");
    assert_eq!(cimes.id, fixtures::CIMES_COMPANY_ID);
    assert_eq!(cimes.name, "CIMES AGUA");
    let param = &cimes.bill_modes[0].parameters[0];
    assert_eq!(
        (param.id.as_str(), param.input_type, param.max_length),
        ("CBF", InputType::Text, 19)
    );

    let by_code = client
        .companies(None, Some(fixtures::DTV_COMPANY_CODE))
        .await
        .unwrap();
    assert_eq!(by_code.len(), 1);
    assert_eq!(by_code[0].name, "DIRECT TV");
    assert_eq!(by_code[0].bill_modes.len(), 3);

    let by_name = client.companies(Some("gam salud"), None).await.unwrap();
    assert!(by_name.iter().any(|c| c.code == fixtures::GAM_COMPANY_CODE));
    assert!(by_name
        .iter()
        .all(|c| c.name.to_uppercase().contains("GAM SALUD")));

    let both = client
        .companies(Some("DIRECT"), Some(fixtures::GAM_COMPANY_CODE))
        .await
        .unwrap();
    assert_eq!(both, vec![]);
    assert_eq!(client.companies(None, Some("00000")).await.unwrap(), vec![]);
}

#[tokio::test]
async fn find_by_barcode_the_documents_bills() {
    let sb = sandbox().await;
    let client = client(&sb);

    let dtv = bill(&client, fixtures::DTV_EXAMPLE_BARCODE).await;
    assert_eq!(
        dtv.amount,
        AmountRule::Fixed {
            total: ars(274_800)
        }
    );
    assert_eq!(dtv.amount.total().amount().to_string(), "2748.00");
    assert_eq!(dtv.company.code, fixtures::DTV_COMPANY_CODE);
    assert_eq!(dtv.company.id, fixtures::DTV_COMPANY_ID);
    assert_eq!(dtv.customer_identifier, fixtures::DTV_EXAMPLE_CUSTOMER);
    assert_eq!(dtv.barcode.as_deref(), Some(fixtures::DTV_EXAMPLE_BARCODE));

    let gam = bill(&client, fixtures::GAM_BARCODE).await;
    assert_eq!(
        gam.amount,
        AmountRule::Open {
            total: ars(5_000),
            min: ars(3_700),
            max: ars(99_999_900),
        }
    );
    assert_eq!(gam.external_data.0, fixtures::GAM_EXTERNAL_DATA);

    for code in fixtures::document_barcodes() {
        let found = client.find_by_barcode(&barcode(code), None).await.unwrap();
        assert!(!found.is_empty(), "{code}");
        assert!(found.iter().all(|b| b.barcode.as_deref() == Some(*code)));
    }
}

#[tokio::test]
async fn an_unknown_barcode_finds_nothing() {
    let sb = sandbox().await;
    let found = client(&sb)
        .find_by_barcode(&barcode("1234567890123456"), None)
        .await
        .unwrap();
    assert_eq!(found, vec![]);
}

#[tokio::test]
async fn a_barcode_of_several_companies_then_with_the_chosen_code() {
    let sb = sandbox().await;
    let client = client(&sb);
    let code = barcode(fixtures::MULTI_COMPANY_BARCODE);

    let found = client.find_by_barcode(&code, None).await.unwrap();
    let companies: BTreeSet<&str> = found.iter().map(|b| b.company.code.as_str()).collect();
    assert_eq!(
        companies,
        BTreeSet::from([
            fixtures::MULTI_COMPANY_CODE,
            fixtures::MULTI_COMPANY_OTHER_CODE
        ])
    );

    let chosen = client
        .find_by_barcode(&code, Some(fixtures::MULTI_COMPANY_CODE))
        .await
        .unwrap();
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].company.code, fixtures::MULTI_COMPANY_CODE);
}

#[tokio::test]
async fn find_by_customer_data_the_documents_examples() {
    let sb = sandbox().await;
    let client = client(&sb);
    for ex in fixtures::customer_data_examples() {
        let params = [(ex.param_id.to_string(), ex.value.to_string())];
        let found = client
            .find_by_customer_data(ex.company_code, ex.mode_id, ex.mode_name, &params)
            .await
            .unwrap_or_else(|e| panic!("{ex:?}: {e}"));
        assert!(!found.is_empty(), "{ex:?}");
        assert!(
            found.iter().all(|b| b.company.code == ex.company_code),
            "{ex:?}"
        );
    }

    let dtv = fixtures::DTV_EXAMPLE_BY_CUSTOMER;
    let found = client
        .find_by_customer_data(
            dtv.company_code,
            dtv.mode_id,
            dtv.mode_name,
            &[(dtv.param_id.into(), dtv.value.into())],
        )
        .await
        .unwrap();
    assert!(found.iter().any(|b| b.amount
        == AmountRule::Fixed {
            total: ars(274_800)
        }));
}

#[tokio::test]
async fn find_by_customer_data_for_an_unknown_company_is_refused() {
    let sb = sandbox().await;
    let err = client(&sb)
        .find_by_customer_data("99999", "x", "y", &[("CBF".into(), "1".into())])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, GatewayError::Refused { code, message } if code == "COMPANY_NOT_FOUND" && !message.is_empty()),
        "{err:?}"
    );
}
