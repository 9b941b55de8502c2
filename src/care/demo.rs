//! Demo clinical records for `palma demo`.
