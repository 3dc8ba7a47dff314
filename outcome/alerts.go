package outcome

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath/instrument"
)

// AlertKind names an outcome alert.
type AlertKind string

// The outcome alerts.
const (
	// AlertSafety: a PHQ-9 with item 9 scoring 1 or more.
	AlertSafety AlertKind = "safety_item9"
	// AlertSafetyCSSRS: a C-SSRS screener with any yes.
	AlertSafetyCSSRS AlertKind = "safety_cssrs"
	// AlertDeterioration: a measure reliably worse than the baseline.
	AlertDeterioration AlertKind = "reliable_deterioration"
	// AlertMissed: two or more due dates in a row with no measure.
	AlertMissed AlertKind = "missed_measures"
	// AlertRelapse: a check-in reporting use after a week without.
	AlertRelapse AlertKind = "relapse"
	// AlertWithdrawal: a CIWA-Ar of 10 or more or a COWS of 13 or more, moderate withdrawal or
	// worse, which needs a medical withdrawal evaluation the same day.
	AlertWithdrawal AlertKind = "withdrawal_evaluation"
)

// WithdrawalAlertFrom is the least total of each withdrawal scale that raises
// AlertWithdrawal: the start of its moderate band.
var WithdrawalAlertFrom = map[instrument.ID]int{instrument.CIWAAr: 10, instrument.COWS: 13}

// WithdrawalProtocol is the text shown with every withdrawal alert.
const WithdrawalProtocol = "Arrange a medical withdrawal evaluation today: moderate or worse withdrawal needs a doctor's " +
	"assessment and withdrawal management alongside the program (alcohol or sedative withdrawal can bring seizures). " +
	"Rate again within hours as the scale's protocol asks. If there is confusion, hallucinations or a seizure, call 911."

// Priority orders alerts: a lower number comes first.
type Priority int

// The priorities.
const (
	PriorityUrgent Priority = 1 // review the same day
	PriorityHigh   Priority = 2 // review within two working days
	PriorityNormal Priority = 3 // review at the next contact
)

// CrisisProtocol is the text shown with every safety alert.
const CrisisProtocol = "Review this client today. Contact them to ask directly about thoughts of death or " +
	"self-harm, and complete a safety assessment and safety plan. If they are in immediate danger, " +
	"call 911. The 988 Suicide & Crisis Lifeline answers calls and texts to 988, day and night; " +
	"give them the number. Record what you did and who you told."

// Alert asks a clinician to act on what the measures show. Key identifies the alert across
// runs (the same measure raises the same alert), so the store can keep one row per Key with
// its acknowledgement. Reason holds no client data beyond scores and counts.
type Alert struct {
	Key        string
	Kind       AlertKind
	Priority   Priority
	ClientID   string
	At         time.Time // when what raised it happened: the measure taken, or a window closing
	Instrument instrument.ID
	MeasureID  string
	Reason     string
	Protocol   string // CrisisProtocol for safety alerts, empty otherwise
}

// AlertInput is what Alerts looks at for one client.
type AlertInput struct {
	ClientID string
	Measures []Measure
	Schedule *Schedule // nil when the client has no schedule: no missed-measure alert
	Now      time.Time
	Config   Config
}

// Alerts returns the alerts the client's measures raise, most urgent first and then by time:
// a safety alert for every PHQ-9 with item 9 scoring 1 or more and for every C-SSRS screener
// with a yes; a withdrawal alert for every CIWA-Ar or COWS rated moderate or worse; a
// deterioration alert for
// every measure that becomes reliably worse than the baseline (once per run of such
// measures, again after the client has come back within the threshold); a missed-measures
// alert when two or more due dates in a row have passed unanswered; and a relapse alert for
// every check-in that reports one (see Relapses).
func Alerts(in AlertInput) []Alert {
	in.Config = in.Config.orDefault()
	ms := sortMeasures(in.Measures)
	var out []Alert
	for i := range ms {
		m := &ms[i]
		if p := m.Item9(); p >= 1 {
			out = append(out, Alert{Key: "safety:" + m.ID, Kind: AlertSafety, Priority: PriorityUrgent,
				ClientID: in.ClientID, At: m.TakenAt, Instrument: m.Instrument, MeasureID: m.ID,
				Reason:   fmt.Sprintf("PHQ-9 item 9 (thoughts of death or self-harm) answered with %d of 3 points.", p),
				Protocol: CrisisProtocol})
		}
		if m.Instrument == instrument.CSSRS && m.Total >= 1 {
			out = append(out, Alert{Key: "safety:" + m.ID, Kind: AlertSafetyCSSRS, Priority: PriorityUrgent,
				ClientID: in.ClientID, At: m.TakenAt, Instrument: m.Instrument, MeasureID: m.ID,
				Reason:   fmt.Sprintf("The C-SSRS screener has %d yes answers about suicidal thoughts or behaviour.", m.Total),
				Protocol: CrisisProtocol})
		}
		if from, ok := WithdrawalAlertFrom[m.Instrument]; ok && m.Total >= from {
			out = append(out, Alert{Key: "withdrawal:" + m.ID, Kind: AlertWithdrawal, Priority: PriorityUrgent,
				ClientID: in.ClientID, At: m.TakenAt, Instrument: m.Instrument, MeasureID: m.ID,
				Reason:   fmt.Sprintf("The %s totals %d: moderate withdrawal or worse (from %d).", instrumentName(m.Instrument), m.Total, from),
				Protocol: WithdrawalProtocol})
		}
	}
	for _, id := range thresholdIDs(in.Config) {
		s := series(ms, id)
		worse := false
		for i := 1; i < len(s); i++ {
			ch, _ := in.Config.Compare(id, s[0].Total, s[i].Total)
			if ch.ReliableDeterioration && !worse {
				out = append(out, Alert{Key: "deterioration:" + s[i].ID, Kind: AlertDeterioration, Priority: PriorityHigh,
					ClientID: in.ClientID, At: s[i].TakenAt, Instrument: id, MeasureID: s[i].ID,
					Reason: fmt.Sprintf("%s rose from %d at baseline to %d (+%d; reliable change is %d points).",
						instrumentName(id), ch.Baseline, ch.Latest, ch.Delta, in.Config.Thresholds[id].ReliableChange)})
			}
			worse = ch.ReliableDeterioration
		}
	}
	if in.Schedule != nil {
		if n, first := in.Schedule.missedRun(in.Measures, in.Now); n >= 2 {
			out = append(out, Alert{Key: "missed:" + first.Format("2006-01-02"), Kind: AlertMissed, Priority: PriorityNormal,
				ClientID: in.ClientID, At: first.AddDate(0, 0, in.Schedule.GraceDays+1),
				Reason: fmt.Sprintf("%d measures in a row were due and not answered.", n)})
		}
	}
	for _, m := range Relapses(ms) {
		c, _ := CheckInOf(&m)
		out = append(out, Alert{Key: "relapse:" + m.ID, Kind: AlertRelapse, Priority: PriorityHigh,
			ClientID: in.ClientID, At: m.TakenAt, Instrument: CheckInID, MeasureID: m.ID,
			Reason: fmt.Sprintf("The check-in reports use on %d of the last 7 days after a week without use; craving %d of 10.",
				7-c.DaysAbstinent7, c.Craving)})
	}
	slices.SortStableFunc(out, func(a, b Alert) int {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), a.At.Compare(b.At), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// thresholdIDs returns the instruments cfg judges, in a fixed order.
func thresholdIDs(cfg Config) []instrument.ID {
	ids := make([]instrument.ID, 0, len(cfg.Thresholds))
	for id := range cfg.Thresholds {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// instrumentName returns the display name of id, e.g. "PHQ-9".
func instrumentName(id instrument.ID) string {
	if in, ok := instrument.Get(id); ok {
		return in.Name
	}
	if id == CheckInID {
		return "Check-in"
	}
	return string(id)
}
