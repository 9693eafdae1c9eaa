//! The company's own details, as its letters print them (a reconciliation
//! statement names both parties): set by an administrator.

use super::registration;
use super::text;
use super::validation::{Issues, Problem};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Company {
    pub name: String,
    pub reg_no: Option<String>,
    pub vat_no: Option<String>,
    pub address: Option<String>,
    /// The bank and account (IBAN) payments go to.
    pub bank: Option<String>,
}

impl Company {
    /// The details in one line, as a letter's page prints them.
    pub fn line(&self) -> String {
        [
            Some(self.name.clone()),
            self.reg_no.clone(),
            self.vat_no.clone(),
            self.address.clone(),
            self.bank.clone(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// What the form submits.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CompanyInput {
    pub name: String,
    pub reg_no: String,
    pub vat_no: String,
    pub address: String,
    pub bank: String,
}

impl CompanyInput {
    pub fn of(c: &Company) -> CompanyInput {
        CompanyInput {
            name: c.name.clone(),
            reg_no: c.reg_no.clone().unwrap_or_default(),
            vat_no: c.vat_no.clone().unwrap_or_default(),
            address: c.address.clone().unwrap_or_default(),
            bank: c.bank.clone().unwrap_or_default(),
        }
    }

    pub fn validate(&self) -> Result<Company, Issues> {
        let mut is = Issues::default();
        let name = is.check("name", text::required(&self.name, 200));
        let optional = |s: &str, read: fn(&str) -> Result<String, Problem>| {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                read(s).map(Some)
            }
        };
        let reg_no = is.check(
            "reg_no",
            optional(&self.reg_no, registration::normalize_reg_no),
        );
        let vat_no = is.check(
            "vat_no",
            optional(&self.vat_no, registration::normalize_vat_no),
        );
        let address = is.check("address", text::optional(&self.address, 300));
        let bank = is.check("bank", text::optional(&self.bank, 200));
        is.into_result(|| Company {
            name: name.unwrap_or_default(),
            reg_no: reg_no.flatten(),
            vat_no: vat_no.flatten(),
            address: address.flatten(),
            bank: bank.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_details_are_checked_and_print_in_one_line() {
        let c = CompanyInput {
            name: " SIA Kartotēka ".into(),
            reg_no: "40003245752".into(),
            vat_no: String::new(),
            address: "Rīga, Brīvības iela 1".into(),
            bank: String::new(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            c.line(),
            "SIA Kartotēka, 40003245752, Rīga, Brīvības iela 1"
        );
        let bad = CompanyInput {
            name: String::new(),
            reg_no: "123".into(),
            ..Default::default()
        };
        let issues = bad.validate().unwrap_err();
        assert_eq!(issues.at("name"), Some(Problem::Required));
        assert!(issues.at("reg_no").is_some());
    }
}
