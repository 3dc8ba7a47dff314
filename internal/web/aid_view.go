package web

import (
	"strconv"

	"github.com/carepath/carepath/instrument"
)

// questionsView is the view model of the questions page.
type questionsView struct {
	page
	Topics      []string
	Instruments []instrumentView
	Sections    []sectionView
	Errors      []errorLink
}

type instrumentView struct {
	ID, Name, Title, Instructions, Attribution string
	Items                                      []itemView
}

type itemView struct {
	Field, Text, Error string
	Number             int
	Options            []optionView
	SafetyItem         bool // PHQ-9 item 9: answering it shows crisis resources at once
}

type optionView struct {
	ID, Value, Label string
	Checked          bool
}

type sectionView struct {
	Title, Intro string
	Questions    []questionView
}

type questionView struct {
	Field, Label, Hint, Kind, Value, Error string
	Choices                                []optionView
	SafetyItem                             bool
}

// errorLink is one line of the error summary at the top of a form, linking to the field.
type errorLink struct{ Anchor, Message string }

// questionsPage builds the questions page for form f, showing what was typed and any errors.
func questionsPage(f aidForm) questionsView {
	v := questionsView{page: page{Title: "A few questions"}, Topics: f.Topics}
	ids, substance := instrumentsFor(f.Topics)
	for _, id := range ids {
		in, _ := instrument.Get(id)
		iv := instrumentView{ID: string(id), Name: in.Name, Title: in.Title, Instructions: in.Instructions, Attribution: in.Attribution}
		for i, item := range in.Items {
			field := itemField(id, i)
			it := itemView{Field: field, Text: item.Text, Number: i + 1, Error: f.Errors[field],
				SafetyItem: id == instrument.PHQ9 && i == 8}
			for j, o := range item.Options {
				val := strconv.Itoa(j)
				if id == instrument.DAST10 {
					val = map[int]string{0: "yes", 1: "no"}[j]
				}
				it.Options = append(it.Options, optionView{ID: field + "-" + val, Value: val, Label: o.Label, Checked: f.Values.Get(field) == val})
			}
			if it.Error != "" {
				v.Errors = append(v.Errors, errorLink{field + "-" + it.Options[0].Value, in.Name + " question " + strconv.Itoa(i+1) + ": " + it.Error})
			}
			if it.SafetyItem && f.Values.Get(field) != "" && f.Values.Get(field) != "0" {
				v.Crisis = true
			}
			iv.Items = append(iv.Items, it)
		}
		v.Instruments = append(v.Instruments, iv)
	}
	for _, sec := range contextSections {
		sv := sectionView{Title: sec.Title, Intro: sec.Intro}
		for _, q := range sec.Questions {
			if q.SubstanceOnly && !substance {
				continue
			}
			qv := questionView{Field: q.Name, Label: q.Label, Hint: q.Hint, Kind: q.Kind, Value: f.Values.Get(q.Name),
				Error: f.Errors[q.Name], SafetyItem: q.Name == "self_harm"}
			for _, c := range q.Choices {
				qv.Choices = append(qv.Choices, optionView{ID: q.Name + "-" + c.Value, Value: c.Value, Label: c.Label, Checked: qv.Value == c.Value})
			}
			if qv.Error != "" {
				anchor := q.Name
				if len(qv.Choices) > 0 {
					anchor = qv.Choices[0].ID
				}
				v.Errors = append(v.Errors, errorLink{anchor, q.Label + " " + qv.Error})
			}
			if qv.SafetyItem && qv.Value == "yes" {
				v.Crisis = true
			}
			sv.Questions = append(sv.Questions, qv)
		}
		v.Sections = append(v.Sections, sv)
	}
	return v
}
