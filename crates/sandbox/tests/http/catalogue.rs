use reqwest::StatusCode;
use ventanilla_sandbox::fixtures;

use crate::common::start;

#[tokio::test]
async fn catalogue_has_200_companies_and_10000_bills() {
    let cat = fixtures::catalogue();
    assert!(cat.companies().len() >= 200);
    assert!(fixtures::generated_bills().count() >= 10_000);
    let open = fixtures::generated_bills().filter(|b| b.open).count();
    assert!(
        open > 1000 && open < 9000,
        "a mix of open and fixed amounts: {open}"
    );
    let env = start().await;
    let (status, all) = env.get("/sales/billPayment/availablesCompanies").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all.as_array().unwrap().len(), cat.companies().len());
    let types: std::collections::HashSet<String> = all
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["billModes"].as_array().unwrap().clone())
        .flat_map(|m| m["parameters"].as_array().unwrap().clone())
        .map(|p| p["inputType"].as_str().unwrap().to_owned())
        .collect();
    for t in ["T", "N", "I", "D"] {
        assert!(types.contains(t), "{types:?}");
    }
}

#[tokio::test]
async fn companies_filter_by_name_and_code() {
    let env = start().await;
    let (_, by_name) = env
        .get("/sales/billPayment/availablesCompanies?companyName=direct")
        .await;
    let by_name = by_name.as_array().unwrap();
    assert!(by_name.iter().any(|c| c["code"] == "57"));
    assert!(by_name.iter().all(|c| c["name"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("direct")));
    let (_, by_code) = env
        .get("/sales/billPayment/availablesCompanies?companyCode=1195")
        .await;
    assert_eq!(by_code.as_array().unwrap().len(), 1);
    assert_eq!(by_code[0]["name"], "GAM SALUD S.A.");
    let (_, partial_code) = env
        .get("/sales/billPayment/availablesCompanies?companyCode=119")
        .await;
    assert!(partial_code.as_array().unwrap().is_empty(), "code is exact");
    let (_, both) = env
        .get("/sales/billPayment/availablesCompanies?companyName=aguas&companyCode=3145")
        .await;
    assert_eq!(both.as_array().unwrap().len(), 1);
}
