package fhir

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"

	"github.com/carepath/carepath/internal/fhir/r4"
)

func itoa(n int) string { return strconv.Itoa(n) }

// narrative builds a generated narrative: a title and lines of label and value, each escaped.
// Lines whose value is empty are left out.
func narrative(title string, lines ...[2]string) *r4.Narrative {
	var b strings.Builder
	b.WriteString(`<div xmlns="http://www.w3.org/1999/xhtml"><p><b>`)
	b.WriteString(html.EscapeString(title))
	b.WriteString(`</b></p>`)
	for _, l := range lines {
		if l[1] == "" {
			continue
		}
		b.WriteString(`<p>`)
		if l[0] != "" {
			b.WriteString(html.EscapeString(l[0]) + ": ")
		}
		b.WriteString(html.EscapeString(l[1]))
		b.WriteString(`</p>`)
	}
	b.WriteString(`</div>`)
	return &r4.Narrative{Status: "generated", Div: b.String()}
}

// atoi reads a whole number.
func atoi(s string) (int, error) { return strconv.Atoi(s) }

// toMap returns v as decoded JSON.
func toMap(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}
