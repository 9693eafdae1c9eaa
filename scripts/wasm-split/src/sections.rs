//! Just enough of the wasm binary format to drop a custom section: a header,
//! then sections of one id byte, a LEB128 length and that many bytes; a
//! custom section (id 0) starts its bytes with its name.

const HEADER: [u8; 8] = *b"\0asm\x01\0\0\0";

/// The module without its custom sections called `name`.
pub fn without_custom(wasm: &[u8], name: &str) -> Result<Vec<u8>, String> {
    if wasm.get(..8) != Some(&HEADER[..]) {
        return Err("no wasm version 1 header".into());
    }
    let mut out = Vec::with_capacity(wasm.len());
    out.extend_from_slice(&HEADER);
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        let (len, body) = leb128(wasm, at + 1)?;
        let end = body
            .checked_add(len)
            .filter(|&end| end <= wasm.len())
            .ok_or_else(|| format!("section at byte {start} runs past the end"))?;
        let dropped = id == 0 && custom_name(&wasm[body..end])? == name.as_bytes();
        if !dropped {
            out.extend_from_slice(&wasm[start..end]);
        }
        at = end;
    }
    Ok(out)
}

fn custom_name(body: &[u8]) -> Result<&[u8], String> {
    let (len, at) = leb128(body, 0)?;
    body.get(at..at + len)
        .ok_or_else(|| "custom section name runs past its section".into())
}

/// An unsigned LEB128 at `at`: its value and the index after it.
fn leb128(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let mut value: usize = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).ok_or("length runs past the end")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    Err("length longer than 5 bytes".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(name: &str, payload: &[u8]) -> Vec<u8> {
        let mut body = vec![name.len() as u8];
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(payload);
        let mut s = vec![0, body.len() as u8];
        s.extend(body);
        s
    }

    #[test]
    fn drops_only_the_named_custom_section() {
        let types = [1u8, 4, 1, 0x60, 0, 0]; // one type: [] -> []
        let mut wasm = HEADER.to_vec();
        wasm.extend_from_slice(&types);
        wasm.extend(custom("name", b"\x01\x02\x03"));
        wasm.extend(custom("producers", b"rustc"));
        let mut want = HEADER.to_vec();
        want.extend_from_slice(&types);
        want.extend(custom("producers", b"rustc"));
        assert_eq!(without_custom(&wasm, "name").unwrap(), want);
        assert_eq!(without_custom(&want, "name").unwrap(), want);
    }

    #[test]
    fn long_lengths_are_read_whole() {
        // 300 = 0b10_0101100: two LEB128 bytes.
        let mut wasm = HEADER.to_vec();
        wasm.extend_from_slice(&[0, 0xac, 0x02, 4]);
        wasm.extend_from_slice(b"name");
        wasm.extend(std::iter::repeat_n(7u8, 295));
        assert_eq!(without_custom(&wasm, "name").unwrap(), HEADER.to_vec());
    }

    #[test]
    fn a_cut_module_is_refused() {
        assert!(without_custom(b"\0asm\x02\0\0\0", "name").is_err());
        let mut wasm = HEADER.to_vec();
        wasm.extend_from_slice(&[1, 10, 0]);
        assert!(
            without_custom(&wasm, "name")
                .unwrap_err()
                .contains("past the end")
        );
    }
}
