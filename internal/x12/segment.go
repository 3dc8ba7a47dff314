package x12

import (
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// The delimiters carepath writes.
const (
	segmentTerminator = '~'
	elementSeparator  = '*'
	componentSep      = ':'
	repetitionSep     = '^'
)

// writer collects the segments of one interchange and counts those of the open transaction.
type writer struct {
	b        strings.Builder
	inST     int // segments since ST, ST included
	newlines bool
}

// seg writes one segment; trailing empty elements are dropped, as X12 requires.
func (w *writer) seg(id string, elems ...string) {
	for len(elems) > 0 && elems[len(elems)-1] == "" {
		elems = elems[:len(elems)-1]
	}
	w.b.WriteString(id)
	for _, e := range elems {
		w.b.WriteByte(elementSeparator)
		w.b.WriteString(e)
	}
	w.b.WriteByte(segmentTerminator)
	if w.newlines {
		w.b.WriteByte('\n')
	}
	w.inST++
}

// comp joins the components of a composite element, dropping trailing empty ones.
func comp(parts ...string) string {
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, string(componentSep))
}

// text cleans free text for an element: upper case, accented letters spelled plainly,
// delimiters and other characters outside printable ASCII removed, runs of spaces collapsed, cut
// to max characters.
func text(s string, max int) string {
	var b strings.Builder
	space := false
	for _, r := range latin.Replace(strings.ToUpper(strings.TrimSpace(s))) {
		switch {
		case r == segmentTerminator || r == elementSeparator || r == componentSep || r == repetitionSep || r < ' ' || r > '~':
			continue
		case r == ' ':
			if space {
				continue
			}
			space = true
		default:
			space = false
		}
		b.WriteRune(r)
	}
	out := strings.TrimSpace(b.String())
	if len(out) > max {
		out = strings.TrimSpace(out[:max])
	}
	return out
}

// latin spells accented Latin letters in the plain capitals X12's basic character set has, so
// that "María Núñez" is written MARIA NUNEZ rather than losing letters.
var latin = strings.NewReplacer(
	"À", "A", "Á", "A", "Â", "A", "Ã", "A", "Ä", "A", "Å", "A", "Æ", "AE", "Ç", "C", "È", "E", "É", "E", "Ê", "E", "Ë", "E",
	"Ì", "I", "Í", "I", "Î", "I", "Ï", "I", "Ñ", "N", "Ò", "O", "Ó", "O", "Ô", "O", "Õ", "O", "Ö", "O", "Ø", "O", "Œ", "OE",
	"Ù", "U", "Ú", "U", "Û", "U", "Ü", "U", "Ý", "Y", "ẞ", "SS", "ß", "SS", "‘", "'", "’", "'", "–", "-", "—", "-",
)

// onlyDigits keeps the digits of s (phone numbers, tax ids, ZIP codes).
func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// amount writes cents as an X12 decimal: 15000 → "150", 15050 → "150.5", 15055 → "150.55".
func amount(c carepath.Cents) string {
	neg := c < 0
	if neg {
		c = -c
	}
	s := fmt.Sprintf("%d", c/100)
	switch r := c % 100; {
	case r == 0:
	case r%10 == 0:
		s += fmt.Sprintf(".%d", r/10)
	default:
		s += fmt.Sprintf(".%02d", r)
	}
	if neg {
		return "-" + s
	}
	return s
}

// d8 writes a YYYY-MM-DD date as CCYYMMDD.
func d8(date string) string { return strings.ReplaceAll(date, "-", "") }

// dx writes an ICD-10-CM code as claims carry it: no dot.
func dx(code string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), ".", ""))
}

// pad left-justifies s in a field of n characters (ISA's fixed-width elements).
func pad(s string, n int) string {
	s = text(s, n)
	return s + strings.Repeat(" ", n-len(s))
}

// parseCivil checks a YYYY-MM-DD date.
func parseCivil(s string) (time.Time, error) { return time.Parse(carepath.DateLayout, s) }
