//! palma core
