// Result and `?`: an error is a value that a function returns.
use std::fs;
use std::io;
use std::num::ParseIntError;

fn parse_port(text: &str) -> Result<u16, ParseIntError> {
    let port: u16 = text.trim().parse()?; // On Err, return it at once.
    Ok(port)
}

// io::Result<T> is short for Result<T, io::Error>.
fn read_config() -> io::Result<String> {
    let text = fs::read_to_string("/no/such/dir/config.toml")?;
    Ok(text)
}

fn main() {
    for text in ["8080", "eighty"] {
        match parse_port(text) {
            Ok(port) => println!("{text:?}: port {port}"),
            Err(e) => println!("{text:?}: error: {e}"),
        }
    }
    match read_config() {
        Ok(text) => println!("config: {text}"),
        Err(e) => println!("read_config: {:?}", e.kind()),
    }
    let port = parse_port("443").expect("443 is a valid port");
    println!("expect gave {port}");
    // parse_port("x").unwrap() would panic and end this thread.
}
