//! Collects TypeScript declarations (ts-rs) for the operations table, so the UI's types are
//! generated from the Rust ones and never written twice.

use std::collections::BTreeMap;
use ts_rs::{Config, TS, TypeVisitor};

#[derive(Default)]
pub struct Declarations {
    by_name: BTreeMap<String, String>,
}

fn config() -> Config {
    // Epoch milliseconds fit in a JavaScript number until the year 287396.
    Config::new().with_large_int("number")
}

impl Declarations {
    /// Declares `T` (if it is a named type) and everything it refers to.
    pub fn visit<T: TS + 'static + ?Sized>(&mut self) {
        TypeVisitor::visit::<T>(self);
    }

    pub fn name<T: TS + 'static + ?Sized>(&self) -> String {
        T::name(&config())
    }

    /// The whole generated file.
    pub fn render(&self, operations: &str) -> String {
        let mut out = String::from(
            "// Generated from the Rust types by `cargo test` (src/typescript.rs). Do not edit.\n\n",
        );
        for declaration in self.by_name.values() {
            out.push_str("export ");
            out.push_str(declaration);
            out.push_str("\n\n");
        }
        out.push_str(operations);
        out
    }
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let cfg = config();
        if T::output_path().is_none() {
            // Built-in and wrapper types (Vec, Option, String…) have nothing to declare.
            T::visit_dependencies(self);
            T::visit_generics(self);
            return;
        }
        let name = T::ident(&cfg);
        if self.by_name.contains_key(&name) {
            return;
        }
        self.by_name.insert(name, T::decl(&cfg));
        T::visit_dependencies(self);
    }
}

#[cfg(test)]
mod tests {
    /// `ui/src/api/generated.ts` must equal what the Rust types generate. Outside CI a stale
    /// file is rewritten (then commit it); the test fails either way so staleness is seen.
    #[test]
    fn generated_typescript_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/generated.ts");
        let fresh = crate::api::typescript();
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != fresh {
            if std::env::var_os("CI").is_none() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &fresh).unwrap();
            }
            panic!(
                "{} was stale; it has been regenerated outside CI — commit it",
                path.display()
            );
        }
    }
}
