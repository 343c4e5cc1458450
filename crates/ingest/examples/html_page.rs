//! Prints what extraction makes of one page: metadata, then the main text.
//!
//! ```text
//! cargo run --release -p hearsay-ingest --example html_page -- PAGE.html[.gz]
//! ```

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: html_page PAGE.html[.gz]")?;
    let mut bytes = Vec::new();
    let file = std::fs::File::open(&path)?;
    if path.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
    } else {
        std::io::BufReader::new(file).read_to_end(&mut bytes)?;
    }
    let page = hearsay_ingest::html::extract(&bytes, None);
    println!("title:     {:?}", page.title);
    println!("byline:    {:?}", page.byline);
    println!("published: {:?}", page.published);
    println!("outlet:    {:?}", page.outlet);
    println!("url:       {:?}", page.url);
    println!("---\n{}", page.text);
    Ok(())
}
