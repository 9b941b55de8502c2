//! Password and PIN hashing: Argon2id, salted, in PHC string form (the parameters travel with
//! each hash, so a hash made with light test parameters still verifies and production hashes
//! can be strengthened later without a migration).
//!
//! Hashing is deliberately slow, so it runs on a blocking thread and never inside a write
//! transaction (which would hold the writers' lock for its duration).

use crate::error::{ApiError, ApiResult};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

/// How expensive new hashes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashCost {
    /// OWASP's recommendation for Argon2id: 19 MiB, two passes, one lane.
    Standard,
    /// The minimum Argon2 allows: for tests only (`Clinic::with_light_password_hashing`).
    Light,
}

fn argon(cost: HashCost) -> ApiResult<Argon2<'static>> {
    let params = match cost {
        HashCost::Standard => Params::DEFAULT,
        HashCost::Light => Params::new(Params::MIN_M_COST, 1, 1, None).map_err(|error| {
            tracing::error!(%error, "argon2 parameters");
            ApiError::internal()
        })?,
    };
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password or PIN with a fresh random salt.
pub async fn hash(cost: HashCost, secret: &str) -> ApiResult<String> {
    let secret = secret.to_owned();
    tokio::task::spawn_blocking(move || {
        argon(cost)?
            .hash_password(secret.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|error| {
                tracing::error!(%error, "password hashing failed");
                ApiError::internal()
            })
    })
    .await
    .map_err(|_| ApiError::internal())?
}

/// Whether `secret` matches `hash`. A malformed stored hash never matches.
pub async fn verify(secret: &str, hash: &str) -> ApiResult<bool> {
    let (secret, hash) = (secret.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || {
        Ok(argon(HashCost::Light)?
            .verify_password(secret.as_bytes(), hash.as_str())
            .is_ok())
    })
    .await
    .map_err(|_| ApiError::internal())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let first = hash(HashCost::Light, "correct horse").await.unwrap();
        let second = hash(HashCost::Light, "correct horse").await.unwrap();
        assert!(first.starts_with("$argon2id$v=19$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("correct horse", &first).await.unwrap());
        assert!(!verify("correct hors", &first).await.unwrap());
        assert!(!verify("x", "not a hash").await.unwrap());
    }

    #[tokio::test]
    async fn standard_cost_uses_owasp_parameters() {
        let standard = hash(HashCost::Standard, "pw").await.unwrap();
        assert!(standard.contains("m=19456,t=2,p=1"), "{standard}");
        assert!(verify("pw", &standard).await.unwrap());
    }
}
