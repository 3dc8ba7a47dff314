package web

import (
	"strconv"

	"github.com/carepath/carepath"
)

// errorLink is one line of the error summary at the top of a form, linking to the field.
type errorLink struct{ Anchor, Message string }

// keepFieldErrors records the field errors of err in errs by path, keeping errors already there.
func keepFieldErrors(errs map[string]string, err error) {
	for _, fe := range carepath.ErrorFields(err) {
		if _, dup := errs[fe.Field]; !dup {
			errs[fe.Field] = fe.Message
		}
	}
}

// formField is one input (or select, when Options is set) of a client form.
type formField struct {
	ID, Name, Label, Hint, Value, Error, Type, InputMode string
	Required                                             bool
	Options                                              []fieldOption
}

// fieldOption is one choice of a select.
type fieldOption struct {
	Value, Label string
	Selected     bool
}

// fieldGroup is one fieldset of a client form.
type fieldGroup struct {
	Legend string
	Fields []formField
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// formChoice is one option of a select or radio group.
type formChoice struct {
	Value, Label string
}

// formVersion reads a posted version; 0 when it is missing or not a number, which the service
// refuses.
func formVersion(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// levelChoice is one level the transfer form offers, with the direction it moves the client.
type levelChoice struct {
	Level     carepath.Level
	Direction carepath.Direction
}

// summaryOf lists the errors in the order of the form's elements, for the error summary.
func summaryOf(errs map[string]string, order ...string) []errorLink {
	var out []errorLink
	for _, id := range order {
		if m, ok := errs[id]; ok {
			out = append(out, errorLink{id, m})
		}
	}
	return out
}

// placeFieldErrors puts the service's field errors of err next to the form's elements: anchor
// maps a service field to an element id, fallback takes what it does not know.
func placeFieldErrors(errs map[string]string, err error, anchor func(field, code string) string, fallback string) {
	for _, fe := range carepath.ErrorFields(err) {
		id := anchor(fe.Field, fe.Code)
		if id == "" {
			id = fallback
		}
		if _, dup := errs[id]; !dup {
			errs[id] = fe.Message
		}
	}
	if len(errs) == 0 {
		errs[fallback] = carepath.ErrorMessage(err)
	}
}
