package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/release"
)

// Packet writes a utilization-review packet as PDF. A packet of Part 2 records prints the
// 42 CFR 2.32 notice first, before any record, and its short statement at the foot of every
// page, as a release does.
func Packet(w io.Writer, k *release.Packet) error {
	d, a := k.Disclosure, k.Authorization
	footer := "Utilization review for " + d.Recipient
	if d.Part2 {
		footer = Part2Footer
	}
	p := newPage("Utilization-review packet", footer, k.ReleasedAt)
	p.title("Utilization-review packet", k.Client.GivenName+" "+k.Client.FamilyName+", born "+dateText(k.Client.BirthDate))
	if d.Part2 {
		p.part2Notice(d.Notice)
	}
	p.heading("Authorization")
	rows := [][2]string{
		{"Payer", a.PayerName},
		{"Number", a.Number},
		{"Level", string(a.Level)},
		{"Dates", dateText(a.Start) + " to " + dateText(a.End)},
		{"Units", fmt.Sprintf("%d %ss approved, %d used, %d left", a.Units, a.Unit, a.UnitsUsed, a.UnitsLeft)},
		{"Recipient", d.Recipient},
		{"Purpose", d.Purpose.Label()},
	}
	if a.NextReview != "" {
		rows = append(rows, [2]string{"Next review", dateText(a.NextReview)})
	}
	p.SetY(p.labelled(margin, p.width, rows) + 2)

	p.heading("Diagnoses")
	if len(k.Diagnoses) == 0 {
		p.para("None recorded.")
	} else {
		var lines [][]string
		for _, x := range k.Diagnoses {
			primary := ""
			if x.Primary {
				primary = "primary"
			}
			lines = append(lines, []string{x.Code, x.Description, primary, x.OnsetOn, x.ResolvedOn})
		}
		p.table([]column{{"Code", 22, "L"}, {"Description", p.width - 112, "L"}, {"", 20, "L"}, {"Onset", 35, "L"}, {"Resolved", 35, "L"}}, lines, nil)
	}

	p.heading("Latest assessment")
	if as := k.Assessment; as == nil {
		p.para("None on or before the authorization's last date.")
	} else {
		p.para(fmt.Sprintf("Taken %s. Recommended level %s; level chosen %s.", as.TakenAt.Format(carepath.DateLayout), as.Recommended, as.FinalLevel))
		if as.Variance != nil {
			p.para("Reason the level differs: " + string(as.Variance.Code) + ". " + as.Variance.Note)
		}
		var lines [][]string
		for _, dim := range as.Dimensions {
			lines = append(lines, []string{dim.Name, strconv.Itoa(dim.Rating), dim.Basis})
		}
		p.table([]column{{"Dimension", 70, "L"}, {"Rating", 18, "R"}, {"Basis", p.width - 88, "L"}}, lines, nil)
		for _, r := range as.Reasons {
			p.para("- " + r)
		}
	}

	p.heading("Treatment plan")
	if pl := k.Plan; pl == nil {
		p.para("None.")
	} else {
		status := fmt.Sprintf("Version %d, %s; review by %s.", pl.Version, pl.Status, dateText(pl.ReviewDate))
		if pl.SignedAt != nil {
			status += " Signed " + pl.SignedAt.UTC().Format(carepath.DateLayout) + "."
		}
		p.para(status)
		for _, pr := range pl.Problems {
			p.para("Problem: " + pr.Statement)
			for _, g := range pr.Goals {
				p.para("  Goal: " + g.Statement)
				for _, o := range g.Objectives {
					p.para("    Objective (by " + dateText(o.TargetDate) + "): " + o.Statement)
				}
			}
		}
	}

	p.heading("Measures")
	if len(k.Measures) == 0 {
		p.para("None within the authorization's dates.")
	} else {
		var lines [][]string
		for _, m := range k.Measures {
			lines = append(lines, []string{m.Instrument, m.TakenAt.Format(carepath.DateLayout), strconv.Itoa(m.Score), m.Severity})
		}
		p.table([]column{{"Questionnaire", 50, "L"}, {"Taken", 34, "L"}, {"Score", 22, "R"}, {"Severity", p.width - 106, "L"}}, lines, nil)
		for _, c := range k.Changes {
			p.para(fmt.Sprintf("%s: %d to %d (%+d), %s.", c.Instrument, c.Baseline, c.Latest, c.Delta, c.Judgement))
		}
	}

	p.heading("Attendance and program dose")
	if len(k.Doses) == 0 {
		p.para("No weeks within the authorization's dates.")
	} else {
		var lines [][]string
		for _, x := range k.Doses {
			met := "no"
			if x.Met {
				met = "yes"
			}
			lines = append(lines, []string{x.Week, strconv.Itoa(x.Scheduled), strconv.Itoa(x.DeliveredMinutes), strconv.Itoa(x.RequiredMinutes), met})
		}
		p.table([]column{{"Week", 34, "L"}, {"Sessions scheduled", 40, "R"}, {"Minutes delivered", 40, "R"}, {"Minutes required", 40, "R"}, {"Dose met", p.width - 154, "L"}}, lines, nil)
	}

	p.heading("Continued-stay review")
	if r := k.Review; r == nil {
		p.para("None within the authorization's dates.")
	} else {
		s := fmt.Sprintf("Run %s at level %s. Suggestion: %s", r.CreatedAt.UTC().Format(carepath.DateLayout), r.Level, r.Action)
		if r.ToLevel != "" {
			s += " to " + string(r.ToLevel)
		}
		p.para(s + ". Decision: " + string(r.Decision) + ".")
		p.para("Rationale: " + strings.Join(r.Reasons, " "))
	}
	return output(p, w)
}
