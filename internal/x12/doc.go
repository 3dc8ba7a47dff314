// Package x12 reads and writes the HIPAA X12 005010 transactions carepath exchanges with payers:
// it writes claims as 837P (professional, 005010X222A1) and 837I (institutional, 005010X223A2),
// one interchange per batch, and it reads 835 remittance advice (005010X221A1) and posts its
// payments and adjustments to the charges of a known batch. It is an adapter: it turns
// billing's plain values into files and files into billing's plain values, and knows nothing of
// the database.
//
// The files use the usual delimiters: ~ ends a segment, * separates elements, : separates
// components and ^ repeats. Text is upper-cased and stripped of those characters before it is
// written. Every error reading a file is an EINVALID *carepath.Error whose field names the
// segment by its position in the file and its id, e.g. "segment 14 (CLP)".
package x12
