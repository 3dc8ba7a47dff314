package web

import (
	"strconv"

	"github.com/carepath/carepath/instrument"
)

// The view models of a questionnaire shown whole, as the answer-link pages and the chart's
// measure entry show one.

// instrumentView is one questionnaire with its items.
type instrumentView struct {
	ID, Name, Title, Instructions, Attribution string
	Items                                      []itemView
}

// itemView is one question of a questionnaire.
type itemView struct {
	Field, Text, Error string
	Hint               string // shown under the question (C-SSRS: when to ask it)
	Number             int
	Options            []optionView
	SafetyItem         bool // PHQ-9 item 9: answering it shows crisis resources at once
}

// optionView is one answer a person can choose.
type optionView struct {
	ID, Value, Label string
	Checked          bool
}

// itemField is the form field of item i (0-based) of a questionnaire, e.g. "phq9_1".
func itemField(id instrument.ID, i int) string { return string(id) + "_" + strconv.Itoa(i+1) }
