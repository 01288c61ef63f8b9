//! Prints the catalogue (every built-in descriptor, sample events included) as JSON: what
//! `scripts/build-npm.sh` writes into the npm package as `dist/catalogue.mjs`.
//!   cargo run --quiet --example catalogue

fn main() {
    println!("{}", hookguard::catalogue::providers_json());
}
