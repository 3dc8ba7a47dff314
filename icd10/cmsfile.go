package icd10

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/carepath/carepath"
)

// The two public CMS file layouts this package reads (both plain text, one code a line):
//
// The order file, icd10cm_order_YYYY.txt, lists every code, headings included, in tabular order:
//
//	columns 1–5    order number, zero-padded
//	column  6      blank
//	columns 7–13   the code without its dot, left-justified
//	column  14     blank
//	column  15     1 when the code is billable, 0 for a heading
//	column  16     blank
//	columns 17–76  short description, at most 60 characters
//	column  77     blank
//	columns 78–    long description
//
// The codes file, icd10cm_codes_YYYY.txt, lists billable codes only: the code without its dot,
// padded with spaces to column 8, then the long description.
const (
	maxLineBytes = 1024
	maxFileCodes = 200_000
	// maxDescriptionBytes bounds a long description (CMS's longest are under 300 characters),
	// so that every code read can be written in the order-file layout and read back.
	maxDescriptionBytes = 400
)

// Parse reads either CMS layout, telling them apart by the first non-blank line (an order file's
// line starts with five digits and a space).
func Parse(r io.Reader) ([]Code, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(6)
	if len(head) == 6 && head[5] == ' ' && isDigits(string(head[:5])) {
		return ParseOrder(br)
	}
	return ParseCodes(br)
}

// ParseOrder reads an order file. An error is an EINVALID *carepath.Error whose field names the
// first offending line ("line 12").
func ParseOrder(r io.Reader) ([]Code, error) {
	return scan(r, func(line string) (Code, string) {
		if len(line) < 17 {
			return Code{}, "is too short for the order-file layout (order number, code, billable flag, description)"
		}
		if !isDigits(line[:5]) || line[5] != ' ' || line[13] != ' ' || line[15] != ' ' {
			return Code{}, "does not follow the order-file columns: a five-digit order number, a code in columns 7–13 and the billable flag in column 15"
		}
		code := strings.TrimRight(line[6:13], " ")
		if !WellFormed(code) || strings.Contains(code, ".") || strings.Contains(code, " ") {
			return Code{}, fmt.Sprintf("has %q where an ICD-10-CM code without its dot belongs", code)
		}
		var billable bool
		switch line[14] {
		case '0':
		case '1':
			billable = true
		default:
			return Code{}, "has a billable flag other than 0 or 1 in column 15"
		}
		// The columns before the description are ASCII (checked above); the description's
		// columns count characters, so a character is never split between the two.
		rest := []rune(line[16:])
		short, long := string(rest), ""
		if len(rest) > 60 {
			short, long = string(rest[:60]), string(rest[60:])
		}
		short, long = strings.TrimSpace(short), strings.TrimSpace(long)
		if long == "" {
			long = short
		}
		if short == "" {
			return Code{}, "has no description"
		}
		if len(long) > maxDescriptionBytes {
			return Code{}, fmt.Sprintf("has a description longer than %d bytes", maxDescriptionBytes)
		}
		return Code{Code: Format(code), Billable: billable, Short: short, Long: long}, ""
	})
}

// ParseCodes reads a codes file, whose codes are all billable. An error is an EINVALID
// *carepath.Error whose field names the first offending line.
func ParseCodes(r io.Reader) ([]Code, error) {
	return scan(r, func(line string) (Code, string) {
		code, desc, _ := strings.Cut(line, " ")
		desc = strings.TrimSpace(desc)
		if !WellFormed(code) || strings.Contains(code, ".") {
			return Code{}, fmt.Sprintf("starts with %q where an ICD-10-CM code without its dot belongs", clip(code))
		}
		if desc == "" {
			return Code{}, "has no description"
		}
		if len(desc) > maxDescriptionBytes {
			return Code{}, fmt.Sprintf("has a description longer than %d bytes", maxDescriptionBytes)
		}
		short := desc
		if r := []rune(short); len(r) > 60 {
			short = strings.TrimSpace(string(r[:60]))
		}
		return Code{Code: Format(code), Billable: true, Short: short, Long: desc}, ""
	})
}

// scan feeds each non-blank line of r to parse and stops at the first problem.
func scan(r io.Reader, parse func(string) (Code, string)) ([]Code, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, maxLineBytes), maxLineBytes)
	sc.Split(scanLines)
	var out []Code
	n := 0
	bad := func(format string, args ...any) error {
		var fe carepath.FieldErrors
		fe.Add(fmt.Sprintf("line %d", n), "format", format, args...)
		e := fe.Err().(*carepath.Error)
		e.Message = "The code file could not be read"
		return e
	}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r \t")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line == "" {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, bad("is not valid UTF-8 text")
		}
		c, problem := parse(line)
		if problem != "" {
			return nil, bad("%s", problem)
		}
		if len(out) == maxFileCodes {
			return nil, bad("is past the limit of %d codes a file", maxFileCodes)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		n++
		return nil, bad("is longer than %d bytes or could not be read", maxLineBytes)
	}
	if len(out) == 0 {
		return nil, carepath.Errorf(carepath.EINVALID, "The code file holds no codes")
	}
	return out, nil
}

// scanLines splits on \n like bufio.ScanLines but also accepts a lone \r line ending.
func scanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			return i + 2, data[:i], nil
		}
		if data[i] == '\r' && i+1 == len(data) && !atEOF {
			return 0, nil, nil
		}
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// WriteOrder writes codes in the order-file layout that ParseOrder reads, numbering them from 1.
// A short description longer than 60 characters is cut at a word boundary.
func WriteOrder(w io.Writer, codes []Code) error {
	if len(codes) > 99_999 {
		return fmt.Errorf("write code file: %d codes do not fit the five-digit order number", len(codes))
	}
	bw := bufio.NewWriter(w)
	for i, c := range codes {
		short := c.Short
		if short == "" {
			short = c.Long
		}
		if r := []rune(short); len(r) > 60 {
			cut := string(r[:61])
			if j := strings.LastIndexByte(cut, ' '); j > 0 {
				short = strings.TrimRight(cut[:j], " ,")
			} else {
				short = string(r[:60])
			}
		}
		flag := '0'
		if c.Billable {
			flag = '1'
		}
		if _, err := fmt.Fprintf(bw, "%05d %-7s %c %-60s %s\n", i+1, Key(c.Code), flag, short, c.Long); err != nil {
			return fmt.Errorf("write code file: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write code file: %w", err)
	}
	return nil
}
