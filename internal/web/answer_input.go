package web

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
)

// storeField matches a store field error about one answer: answers.phq9[3].
var storeField = regexp.MustCompile(`^answers\.([a-z0-9]+)\[(\d+)\]$`)

// answerFormField turns a store field name into the form's: answers.phq9[3] → phq9_4.
func answerFormField(f string) string {
	if m := storeField.FindStringSubmatch(f); m != nil {
		i, _ := strconv.Atoi(m[2])
		return m[1] + "_" + strconv.Itoa(i+1)
	}
	return strings.TrimPrefix(f, "answers.") + "_1"
}

// parseAnswers reads every item of every instrument; each is required.
func parseAnswers(ids []string, v url.Values) (map[string][]int, map[string]string) {
	answers := map[string][]int{}
	errs := map[string]string{}
	for _, id := range ids {
		if id == string(outcome.CheckInID) {
			a := make([]int, len(outcome.CheckInQuestions))
			for i, q := range outcome.CheckInQuestions {
				f := id + "_" + strconv.Itoa(i+1)
				n, err := strconv.Atoi(strings.TrimSpace(v.Get(f)))
				if err != nil || n < q.Min || n > q.Max {
					errs[f] = "Please give a whole number from " + strconv.Itoa(q.Min) + " to " + strconv.Itoa(q.Max) + "."
				}
				a[i] = n
			}
			answers[id] = a
			continue
		}
		in, ok := instrument.Get(instrument.ID(id))
		if !ok {
			continue
		}
		a := make([]int, len(in.Items))
		for i, item := range in.Items {
			f := itemField(in.ID, i)
			n, err := strconv.Atoi(v.Get(f))
			if err != nil || n < 0 || n >= len(item.Options) {
				errs[f] = "Please choose an answer."
			}
			a[i] = n
		}
		answers[id] = a
	}
	return answers, errs
}
