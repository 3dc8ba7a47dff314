package pdf

import (
	"io"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/release"
)

// Part2Footer is the short statement of 42 CFR 2.32 printed at the foot of every page of a
// release of Part 2 records, so that no page travels without it.
const Part2Footer = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."

// Release writes a release of records, made by releasedBy (a staff member's name), as PDF. A
// release of Part 2 records prints the 42 CFR 2.32 notice first, before any record, and its
// short statement at the foot of every page.
func Release(w io.Writer, r *release.Record, releasedBy string) error {
	d := r.Disclosure
	footer := "Release of records to " + d.Recipient
	if d.Part2 {
		footer = Part2Footer
	}
	p := newPage("Release of records", footer, r.ReleasedAt)
	p.title("Release of records", r.Client.GivenName+" "+r.Client.FamilyName+", born "+dateText(r.Client.BirthDate))
	if d.Part2 {
		p.part2Notice(d.Notice)
	}
	p.heading("The release")
	rows := [][2]string{
		{"Recipient", d.Recipient},
		{"Purpose", d.Purpose.Label()},
		{"Released", r.ReleasedAt.Format("January 2, 2006 15:04 MST")},
		{"Released by", releasedBy},
	}
	if k := r.Consent; k != nil {
		ends := k.ExpiresOnEvent
		if k.ExpiresOn != "" {
			ends = dateText(k.ExpiresOn)
			if k.ExpiresOnEvent != "" {
				ends += ", or " + k.ExpiresOnEvent
			}
		}
		rows = append(rows, [2]string{"Consent", "signed " + dateText(k.SignedOn) + "; ends " + ends},
			[2]string{"Information", k.Information})
	}
	if len(r.Withheld) > 0 {
		rows = append(rows, [2]string{"Not included", strings.Join(r.Withheld, ", ")})
	}
	p.SetY(p.labelled(margin, p.width, rows) + 2)

	p.heading("Episodes of care")
	if len(r.Episodes) == 0 {
		p.para("None.")
	} else {
		var lines [][]string
		for _, e := range r.Episodes {
			lines = append(lines, []string{e.Program, string(e.Level), e.AdmittedOn, e.DischargedOn, string(e.Status)})
		}
		p.table([]column{{"Program", 62, "L"}, {"Level", 24, "L"}, {"Admitted", 28, "L"}, {"Discharged", 28, "L"},
			{"Status", p.width - 142, "L"}}, lines, nil)
	}
	p.heading("Measures")
	if len(r.Measures) == 0 {
		p.para("None.")
	} else {
		var lines [][]string
		for _, m := range r.Measures {
			lines = append(lines, []string{m.Instrument, m.TakenAt.Format(carepath.DateLayout), strconv.Itoa(m.Score), m.Severity})
		}
		p.table([]column{{"Questionnaire", 50, "L"}, {"Taken", 34, "L"}, {"Score", 22, "R"}, {"Severity", p.width - 106, "L"}}, lines, nil)
	}
	return output(p, w)
}

// part2Notice prints the 42 CFR 2.32 notice to the recipient, shaded, before any record of a
// release or packet of Part 2 records.
func (p *page) part2Notice(notice string) {
	p.SetFillColor(255, 244, 214)
	p.SetFont("Helvetica", "B", 10)
	p.CellFormat(0, 6, p.tr("Notice to the recipient (42 CFR 2.32)"), "", 1, "L", true, 0, "")
	p.SetFont("Helvetica", "", 9)
	p.MultiCell(0, 4.5, p.tr(notice), "", "L", true)
	p.Ln(2)
}
