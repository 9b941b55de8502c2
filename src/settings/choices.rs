//! The lists a clinic's time zone and currency are chosen from, and the checks that a typed
//! value is on them.
//!
//! Time zones come from the IANA database that `chrono-tz` carries (the same one the schedule
//! computes days in), kept to places: a clinic is somewhere, so `UTC`, `Etc/*` and the old
//! country aliases (`US/Eastern`) are not offered and not accepted — a clinic set to UTC would
//! book a London client an hour out for half the year. Currencies are ISO 4217 codes in use,
//! with their English names.

use crate::api::NoArgs;
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::staff::Actor;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The first part of every time zone that names a place.
const REGIONS: [&str; 9] = [
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Currency {
    /// ISO 4217 code, e.g. `GBP`.
    pub code: String,
    /// Its English name, e.g. "British Pound".
    pub name: String,
}

/// What the clinic details form chooses from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsChoices {
    /// IANA names of places, sorted.
    pub time_zones: Vec<String>,
    /// Sorted by code.
    pub currencies: Vec<Currency>,
}

fn is_place(name: &str) -> bool {
    REGIONS.iter().any(|region| name.starts_with(region))
}

pub async fn choices(
    _clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<SettingsChoices> {
    let mut time_zones: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| is_place(name))
        .map(str::to_owned)
        .collect();
    time_zones.sort();
    Ok(SettingsChoices {
        time_zones,
        currencies: CURRENCIES
            .iter()
            .map(|(code, name)| Currency {
                code: (*code).to_owned(),
                name: (*name).to_owned(),
            })
            .collect(),
    })
}

/// A clinic's time zone: a place in the IANA database.
pub(crate) fn time_zone(field: &str, raw: &str) -> ApiResult<String> {
    let text = raw.trim();
    match text.parse::<Tz>() {
        Ok(_) if is_place(text) => Ok(text.to_owned()),
        Ok(_) => Err(ApiError::validation(
            field,
            "Choose the place the clinic is in, like Europe/London: a clinic's time zone \
             cannot be UTC or a fixed offset, which ignore summer time.",
        )),
        Err(_) if text.is_empty() => Err(ApiError::validation(
            field,
            "Choose the clinic's time zone.",
        )),
        Err(_) => Err(ApiError::validation(
            field,
            "Time zone should be a place name like Europe/London.",
        )),
    }
}

/// A currency: an ISO 4217 code on the list.
pub(crate) fn currency(field: &str, raw: &str) -> ApiResult<String> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(ApiError::validation(field, "Choose the clinic's currency."));
    }
    if CURRENCIES
        .binary_search_by(|(c, _)| c.cmp(&code.as_str()))
        .is_err()
    {
        return Err(ApiError::validation(
            field,
            "Currency should be a code like GBP.",
        ));
    }
    Ok(code)
}

/// ISO 4217 currencies in use, sorted by code (names as the Unicode CLDR gives them in English).
const CURRENCIES: &[(&str, &str)] = &[
    ("AED", "United Arab Emirates Dirham"),
    ("AFN", "Afghan Afghani"),
    ("ALL", "Albanian Lek"),
    ("AMD", "Armenian Dram"),
    ("ANG", "Netherlands Antillean Guilder"),
    ("AOA", "Angolan Kwanza"),
    ("ARS", "Argentine Peso"),
    ("AUD", "Australian Dollar"),
    ("AWG", "Aruban Florin"),
    ("AZN", "Azerbaijani Manat"),
    ("BAM", "Bosnia-Herzegovina Convertible Mark"),
    ("BBD", "Barbadian Dollar"),
    ("BDT", "Bangladeshi Taka"),
    ("BGN", "Bulgarian Lev"),
    ("BHD", "Bahraini Dinar"),
    ("BIF", "Burundian Franc"),
    ("BMD", "Bermudan Dollar"),
    ("BND", "Brunei Dollar"),
    ("BOB", "Bolivian Boliviano"),
    ("BRL", "Brazilian Real"),
    ("BSD", "Bahamian Dollar"),
    ("BTN", "Bhutanese Ngultrum"),
    ("BWP", "Botswanan Pula"),
    ("BYN", "Belarusian Ruble"),
    ("BZD", "Belize Dollar"),
    ("CAD", "Canadian Dollar"),
    ("CDF", "Congolese Franc"),
    ("CHF", "Swiss Franc"),
    ("CLP", "Chilean Peso"),
    ("CNY", "Chinese Yuan"),
    ("COP", "Colombian Peso"),
    ("CRC", "Costa Rican Colón"),
    ("CUC", "Cuban Convertible Peso"),
    ("CUP", "Cuban Peso"),
    ("CVE", "Cape Verdean Escudo"),
    ("CZK", "Czech Koruna"),
    ("DJF", "Djiboutian Franc"),
    ("DKK", "Danish Krone"),
    ("DOP", "Dominican Peso"),
    ("DZD", "Algerian Dinar"),
    ("EGP", "Egyptian Pound"),
    ("ERN", "Eritrean Nakfa"),
    ("ETB", "Ethiopian Birr"),
    ("EUR", "Euro"),
    ("FJD", "Fijian Dollar"),
    ("FKP", "Falkland Islands Pound"),
    ("GBP", "British Pound"),
    ("GEL", "Georgian Lari"),
    ("GHS", "Ghanaian Cedi"),
    ("GIP", "Gibraltar Pound"),
    ("GMD", "Gambian Dalasi"),
    ("GNF", "Guinean Franc"),
    ("GTQ", "Guatemalan Quetzal"),
    ("GYD", "Guyanaese Dollar"),
    ("HKD", "Hong Kong Dollar"),
    ("HNL", "Honduran Lempira"),
    ("HRK", "Croatian Kuna"),
    ("HTG", "Haitian Gourde"),
    ("HUF", "Hungarian Forint"),
    ("IDR", "Indonesian Rupiah"),
    ("ILS", "Israeli New Shekel"),
    ("INR", "Indian Rupee"),
    ("IQD", "Iraqi Dinar"),
    ("IRR", "Iranian Rial"),
    ("ISK", "Icelandic Króna"),
    ("JMD", "Jamaican Dollar"),
    ("JOD", "Jordanian Dinar"),
    ("JPY", "Japanese Yen"),
    ("KES", "Kenyan Shilling"),
    ("KGS", "Kyrgyz Som"),
    ("KHR", "Cambodian Riel"),
    ("KMF", "Comorian Franc"),
    ("KPW", "North Korean Won"),
    ("KRW", "South Korean Won"),
    ("KWD", "Kuwaiti Dinar"),
    ("KYD", "Cayman Islands Dollar"),
    ("KZT", "Kazakhstani Tenge"),
    ("LAK", "Laotian Kip"),
    ("LBP", "Lebanese Pound"),
    ("LKR", "Sri Lankan Rupee"),
    ("LRD", "Liberian Dollar"),
    ("LSL", "Lesotho Loti"),
    ("LYD", "Libyan Dinar"),
    ("MAD", "Moroccan Dirham"),
    ("MDL", "Moldovan Leu"),
    ("MGA", "Malagasy Ariary"),
    ("MKD", "Macedonian Denar"),
    ("MMK", "Myanmar Kyat"),
    ("MNT", "Mongolian Tugrik"),
    ("MOP", "Macanese Pataca"),
    ("MRU", "Mauritanian Ouguiya"),
    ("MUR", "Mauritian Rupee"),
    ("MVR", "Maldivian Rufiyaa"),
    ("MWK", "Malawian Kwacha"),
    ("MXN", "Mexican Peso"),
    ("MYR", "Malaysian Ringgit"),
    ("MZN", "Mozambican Metical"),
    ("NAD", "Namibian Dollar"),
    ("NGN", "Nigerian Naira"),
    ("NIO", "Nicaraguan Córdoba"),
    ("NOK", "Norwegian Krone"),
    ("NPR", "Nepalese Rupee"),
    ("NZD", "New Zealand Dollar"),
    ("OMR", "Omani Rial"),
    ("PAB", "Panamanian Balboa"),
    ("PEN", "Peruvian Sol"),
    ("PGK", "Papua New Guinean Kina"),
    ("PHP", "Philippine Peso"),
    ("PKR", "Pakistani Rupee"),
    ("PLN", "Polish Zloty"),
    ("PYG", "Paraguayan Guarani"),
    ("QAR", "Qatari Riyal"),
    ("RON", "Romanian Leu"),
    ("RSD", "Serbian Dinar"),
    ("RUB", "Russian Ruble"),
    ("RWF", "Rwandan Franc"),
    ("SAR", "Saudi Riyal"),
    ("SBD", "Solomon Islands Dollar"),
    ("SCR", "Seychellois Rupee"),
    ("SDG", "Sudanese Pound"),
    ("SEK", "Swedish Krona"),
    ("SGD", "Singapore Dollar"),
    ("SHP", "St. Helena Pound"),
    ("SLE", "Sierra Leonean Leone"),
    ("SOS", "Somali Shilling"),
    ("SRD", "Surinamese Dollar"),
    ("SSP", "South Sudanese Pound"),
    ("STN", "São Tomé & Príncipe Dobra"),
    ("SVC", "Salvadoran Colón"),
    ("SYP", "Syrian Pound"),
    ("SZL", "Swazi Lilangeni"),
    ("THB", "Thai Baht"),
    ("TJS", "Tajikistani Somoni"),
    ("TMT", "Turkmenistani Manat"),
    ("TND", "Tunisian Dinar"),
    ("TOP", "Tongan Paʻanga"),
    ("TRY", "Turkish Lira"),
    ("TTD", "Trinidad & Tobago Dollar"),
    ("TWD", "New Taiwan Dollar"),
    ("TZS", "Tanzanian Shilling"),
    ("UAH", "Ukrainian Hryvnia"),
    ("UGX", "Ugandan Shilling"),
    ("USD", "US Dollar"),
    ("UYU", "Uruguayan Peso"),
    ("UZS", "Uzbekistani Som"),
    ("VES", "Venezuelan Bolívar"),
    ("VND", "Vietnamese Dong"),
    ("VUV", "Vanuatu Vatu"),
    ("WST", "Samoan Tala"),
    ("YER", "Yemeni Rial"),
    ("ZAR", "South African Rand"),
    ("ZMW", "Zambian Kwacha"),
    ("ZWG", "Zimbabwean Gold"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_are_sorted_for_the_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(currency("currency", " gbp ").unwrap(), "GBP");
        assert!(currency("currency", "ABC").is_err());
    }

    #[test]
    fn clinic_time_zones_are_places() {
        assert_eq!(
            time_zone("timeZone", "Europe/London").unwrap(),
            "Europe/London"
        );
        for refused in [
            "UTC",
            "Etc/UTC",
            "Etc/GMT+5",
            "GMT",
            "US/Eastern",
            "",
            "Mars/Base",
        ] {
            assert!(time_zone("timeZone", refused).is_err(), "{refused}");
        }
    }
}
