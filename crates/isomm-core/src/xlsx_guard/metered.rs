//! The bytes of a part counted as they are unpacked: a buffered reader that stops past the part's
//! or the workbook's budget, or past the longest XML token, whatever the entry declares.

use std::io::{self, BufRead, Read};

use crate::limits::{MAX_PART_BYTES, MAX_UNCOMPRESSED_BYTES};

/// Why the metered reader stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Overrun {
    /// The unzipper failed: a damaged entry, or one larger than its declared size.
    Damaged,
    /// This part passed [`MAX_PART_BYTES`].
    Part,
    /// All parts together passed [`MAX_UNCOMPRESSED_BYTES`].
    Total,
    /// One XML token passed [`MAX_XML_TOKEN_BYTES`](super::part::MAX_XML_TOKEN_BYTES).
    Token,
}

/// A buffered reader over an unzipped entry that counts every byte it unpacks and stops with an
/// error past the limits, whatever the entry declares.
pub(super) struct Metered<R> {
    pub(super) inner: R,
    pub(super) buf: Box<[u8]>,
    pub(super) pos: usize,
    pub(super) end: usize,
    /// Bytes of this part unpacked so far.
    pub(super) read: u64,
    /// Bytes of all parts unpacked before this one.
    pub(super) before: u64,
    /// Bytes consumed since the XML reader started its current token.
    pub(super) token: u64,
    pub(super) token_limit: u64,
    pub(super) overrun: Option<Overrun>,
}

impl<R: Read> Metered<R> {
    fn stop<T>(&mut self, why: Overrun) -> io::Result<T> {
        self.overrun = Some(why);
        Err(io::Error::other("a limit of the workbook guard"))
    }
}

impl<R: Read> BufRead for Metered<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(why) = self.overrun {
            return self.stop(why);
        }
        if self.token > self.token_limit {
            return self.stop(Overrun::Token);
        }
        if self.pos == self.end {
            let n = loop {
                match self.inner.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => return self.stop(Overrun::Damaged),
                }
            };
            self.read += n as u64;
            if self.read > MAX_PART_BYTES {
                return self.stop(Overrun::Part);
            }
            if self.before + self.read > MAX_UNCOMPRESSED_BYTES {
                return self.stop(Overrun::Total);
            }
            self.pos = 0;
            self.end = n;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
        self.token += n as u64;
    }
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}
