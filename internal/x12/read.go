package x12

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// MaxFileBytes bounds the size of an X12 file carepath reads.
const MaxFileBytes = 16 << 20

// segment is one segment read from a file: its 1-based position, id and elements (elems[0] is
// the first element after the id).
type segment struct {
	pos   int
	id    string
	elems []string
}

// el returns element n (1-based, as X12 numbers them), or "".
func (s segment) el(n int) string {
	if n < 1 || n > len(s.elems) {
		return ""
	}
	return s.elems[n-1]
}

// where names s as field errors do: "segment 14 (CLP)".
func (s segment) where() string { return fmt.Sprintf("segment %d (%s)", s.pos, s.id) }

// readError is an EINVALID error about one segment of a file.
func readError(what, field, format string, args ...any) error {
	var fe carepath.FieldErrors
	fe.Add(field, "x12", format, args...)
	e := fe.Err().(*carepath.Error)
	e.Message = "The " + what + " file could not be read"
	return e
}

// delimiters are those an interchange declares in its ISA segment.
type delimiters struct{ element, component, repetition, segment byte }

// split reads an interchange into segments, taking the delimiters from its ISA header: the
// element separator is the fourth character, the component separator the 105th and the segment
// terminator the 106th. Line breaks after a terminator are ignored.
func split(what string, data []byte) ([]segment, delimiters, error) {
	var d delimiters
	if len(data) > MaxFileBytes {
		return nil, d, readError(what, "file", "the file is larger than %d MB", MaxFileBytes>>20)
	}
	s := strings.TrimLeft(string(data), " \t\r\n\uFEFF")
	if len(s) < 106 || !strings.HasPrefix(s, "ISA") {
		return nil, d, readError(what, "segment 1 (ISA)", "an X12 file starts with a 106-character ISA segment")
	}
	d = delimiters{element: s[3], component: s[104], segment: s[105]}
	if d.element == d.segment || d.element == d.component || d.component == d.segment || isAlnum(d.element) || isAlnum(d.segment) {
		return nil, d, readError(what, "segment 1 (ISA)", "the ISA segment does not declare usable delimiters")
	}
	isa := strings.Split(s[:105], string(d.element))
	if len(isa) != 17 || isa[0] != "ISA" {
		return nil, d, readError(what, "segment 1 (ISA)", "the ISA segment must have 16 elements of fixed width")
	}
	if r := isa[11]; len(r) == 1 && r != string(d.element) && r != string(d.segment) && r != string(d.component) {
		d.repetition = r[0]
	}
	var out []segment
	raws := strings.Split(s, string(d.segment))
	for i, raw := range raws {
		raw = strings.Trim(raw, "\r\n")
		if raw == "" {
			if strings.TrimSpace(strings.Join(raws[i:], "")) == "" {
				break
			}
			return nil, d, readError(what, fmt.Sprintf("segment %d", len(out)+1), "an empty segment")
		}
		parts := strings.Split(raw, string(d.element))
		id := parts[0]
		if len(id) < 2 || len(id) > 3 || !isUpperAlnum(id) {
			return nil, d, readError(what, fmt.Sprintf("segment %d", len(out)+1), "%q is not a segment id", clip(id))
		}
		out = append(out, segment{pos: len(out) + 1, id: id, elems: parts[1:]})
	}
	return out, d, nil
}

// envelope checks the ISA/IEA, GS/GE and ST/SE structure of segs (counts and control numbers)
// and returns the transaction sets, each from its ST to its SE inclusive.
func envelope(what string, segs []segment, functionalID, transactionID, version string) ([][]segment, error) {
	bad := func(s segment, format string, args ...any) error { return readError(what, s.where(), format, args...) }
	isa := segs[0]
	if len(segs) < 2 || segs[len(segs)-1].id != "IEA" {
		last := segs[len(segs)-1]
		return nil, bad(last, "the file must end with an IEA segment")
	}
	iea := segs[len(segs)-1]
	if iea.el(2) != isa.el(13) {
		return nil, bad(iea, "IEA02 (%s) does not match the interchange control number in ISA13 (%s)", iea.el(2), isa.el(13))
	}
	var sets [][]segment
	groups := 0
	for i := 1; i < len(segs)-1; i++ {
		gs := segs[i]
		if gs.id != "GS" {
			return nil, bad(gs, "expected a GS segment opening a functional group")
		}
		if gs.el(1) != functionalID {
			return nil, bad(gs, "GS01 is %q; this is read as a %s (functional group %s)", gs.el(1), what, functionalID)
		}
		if gs.el(8) != version {
			return nil, bad(gs, "GS08 is %q; carepath reads version %s", gs.el(8), version)
		}
		groups++
		txs := 0
		i++
		for ; i < len(segs)-1 && segs[i].id == "ST"; i++ {
			st := segs[i]
			if st.el(1) != transactionID {
				return nil, bad(st, "ST01 is %q, not %s", st.el(1), transactionID)
			}
			if v := st.el(3); v != "" && v != version {
				return nil, bad(st, "ST03 is %q; carepath reads version %s", v, version)
			}
			j := i + 1
			for j < len(segs) && segs[j].id != "SE" && segs[j].id != "ST" && segs[j].id != "GE" && segs[j].id != "IEA" {
				j++
			}
			if j >= len(segs) || segs[j].id != "SE" {
				return nil, bad(st, "the transaction set opened here has no SE segment")
			}
			se := segs[j]
			if n, err := strconv.Atoi(se.el(1)); err != nil || n != j-i+1 {
				return nil, bad(se, "SE01 says %s segments but the transaction set has %d", se.el(1), j-i+1)
			}
			if se.el(2) != st.el(2) {
				return nil, bad(se, "SE02 (%s) does not match the control number in ST02 (%s)", se.el(2), st.el(2))
			}
			sets = append(sets, segs[i:j+1])
			txs++
			i = j
		}
		if i >= len(segs)-1 || segs[i].id != "GE" {
			return nil, bad(segs[min(i, len(segs)-1)], "expected a GE segment closing the functional group opened in segment %d", gs.pos)
		}
		ge := segs[i]
		if n, err := strconv.Atoi(ge.el(1)); err != nil || n != txs {
			return nil, bad(ge, "GE01 says %s transaction sets but the group has %d", ge.el(1), txs)
		}
		if ge.el(2) != gs.el(6) {
			return nil, bad(ge, "GE02 (%s) does not match the group control number in GS06 (%s)", ge.el(2), gs.el(6))
		}
		if txs == 0 {
			return nil, bad(gs, "the functional group holds no transaction set")
		}
	}
	if n, err := strconv.Atoi(iea.el(1)); err != nil || n != groups {
		return nil, bad(iea, "IEA01 says %s functional groups but the file has %d", iea.el(1), groups)
	}
	return sets, nil
}

// parseAmount reads an X12 decimal amount (e.g. "150", "150.5", "-20.25") into cents.
func parseAmount(s string) (carepath.Cents, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) || len(frac) > 2 || dot && frac == "" && whole == "" {
		return 0, false
	}
	var c int64
	for _, r := range whole {
		c = c*10 + int64(r-'0')
	}
	c *= 100
	switch len(frac) {
	case 1:
		c += int64(frac[0]-'0') * 10
	case 2:
		c += int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	if neg {
		c = -c
	}
	return carepath.Cents(c), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}

func isUpperAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'A' && s[i] <= 'Z') {
			return false
		}
	}
	return true
}

// clip shortens file content before a message repeats it.
func clip(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// date8 turns CCYYMMDD into YYYY-MM-DD, or reports it is not a date.
func date8(s string) (string, bool) {
	if len(s) != 8 || !allDigits(s) {
		return "", false
	}
	out := s[:4] + "-" + s[4:6] + "-" + s[6:]
	if _, err := parseCivil(out); err != nil {
		return "", false
	}
	return out, true
}
