package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// trackForm is one track row as typed.
type trackForm struct {
	Name, Start, End string
	Days             []string
}

// blank reports whether nothing was typed in the row: such rows are left out.
func (t trackForm) blank() bool {
	return t.Name == "" && t.Start == "" && t.End == "" && len(t.Days) == 0
}

// programSettingsForm is what the settings form holds: the version read, the track rows, the
// typed rates by service (dollars) and each staff member's roles in the program.
type programSettingsForm struct {
	Version string
	Part2   bool // the program's records are 42 CFR Part 2 records
	Tracks  []trackForm
	Rates   map[string]string
	Roles   map[string][]string // staff id → roles
	// Where each entry of the update came from, to link field errors to their inputs.
	trackRows    []int
	rateServices []string
	staffAnchors []string
}

// extraTrackRows is how many empty track rows the form offers for new tracks.
const extraTrackRows = 2

// formFromDetails fills the form with what is stored.
func formFromDetails(d *carepath.ProgramDetails) programSettingsForm {
	f := programSettingsForm{Version: strconv.Itoa(d.Version), Part2: d.Part2, Rates: map[string]string{}, Roles: map[string][]string{}}
	for _, t := range d.Tracks {
		f.Tracks = append(f.Tracks, trackForm{Name: t.Name, Start: t.StartTime, End: t.EndTime, Days: t.Days})
	}
	for _, r := range d.Rates {
		f.Rates[r.Service] = fmt.Sprintf("%d.%02d", r.Cents/100, r.Cents%100)
	}
	for _, m := range d.Staff {
		f.Roles[m.StaffID] = append(f.Roles[m.StaffID], m.Role)
	}
	return f
}

// maxTrackRows bounds the rows read from a post.
const maxTrackRows = carepath.MaxProgramTracks + extraTrackRows

// readProgramSettingsForm reads the posted form.
func readProgramSettingsForm(r *http.Request) programSettingsForm {
	f := programSettingsForm{Rates: map[string]string{}, Roles: map[string][]string{}}
	if err := r.ParseForm(); err != nil {
		return f
	}
	f.Version = strings.TrimSpace(r.PostForm.Get("version"))
	f.Part2 = r.PostForm.Get("part2") == "yes"
	rows, _ := strconv.Atoi(r.PostForm.Get("track_rows"))
	for i := range min(max(rows, 0), maxTrackRows) {
		p := fmt.Sprintf("track-%d-", i)
		f.Tracks = append(f.Tracks, trackForm{Name: strings.TrimSpace(r.PostForm.Get(p + "name")),
			Start: strings.TrimSpace(r.PostForm.Get(p + "start")), End: strings.TrimSpace(r.PostForm.Get(p + "end")),
			Days: r.PostForm[p+"days"]})
	}
	for _, svc := range carepath.RateServices {
		f.Rates[svc.Service] = strings.TrimSpace(r.PostForm.Get("rate-" + svc.Service))
	}
	for key, roles := range r.PostForm {
		if id, ok := strings.CutPrefix(key, "staff-"); ok && id != "" {
			f.Roles[id] = roles
		}
	}
	return f
}

// moneyRE is an amount in dollars as a person types it: 150, 150.5, $1,500.00.
var moneyRE = regexp.MustCompile(`^\$?\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]{1,2}))?$`)

// dollarsToCents reads a typed amount in dollars.
func dollarsToCents(s string) (int64, bool) {
	m := moneyRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	whole, err := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
	if err != nil || whole > carepath.MaxRateCents/100 {
		return 0, false
	}
	frac := 0
	if m[2] != "" {
		frac, _ = strconv.Atoi((m[2] + "0")[:2])
	}
	return whole*100 + int64(frac), true
}

// update builds the change the form asks for; problems it can see itself (an amount that is
// not money) are returned by element id, with nothing asked of the store.
func (f *programSettingsForm) update() (carepath.ProgramDetailsUpdate, []errorLink) {
	var errs []errorLink
	version, _ := strconv.Atoi(f.Version)
	tracks, rates, staff := []carepath.Track{}, []carepath.Rate{}, []carepath.ProgramMember{}
	f.trackRows, f.rateServices, f.staffAnchors = nil, nil, nil
	for i, t := range f.Tracks {
		if t.blank() {
			continue
		}
		tracks = append(tracks, carepath.Track{Name: t.Name, Days: slices.Clone(t.Days), StartTime: t.Start, EndTime: t.End})
		f.trackRows = append(f.trackRows, i)
	}
	for _, svc := range carepath.RateServices {
		typed := f.Rates[svc.Service]
		if typed == "" {
			continue
		}
		cents, ok := dollarsToCents(typed)
		if !ok {
			errs = append(errs, errorLink{Anchor: "rate-" + svc.Service,
				Message: svc.Label + ": please give an amount in dollars, e.g. 150 or 150.00."})
			continue
		}
		rates = append(rates, carepath.Rate{Service: svc.Service, Cents: cents})
		f.rateServices = append(f.rateServices, svc.Service)
	}
	ids := make([]string, 0, len(f.Roles))
	for id := range f.Roles {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		for _, role := range carepath.ProgramRoles { // in the order shown; unknown values dropped
			if slices.Contains(f.Roles[id], role) {
				staff = append(staff, carepath.ProgramMember{StaffID: id, Role: role})
				f.staffAnchors = append(f.staffAnchors, "staff-"+id+"-"+role)
			}
		}
	}
	part2 := f.Part2
	return carepath.ProgramDetailsUpdate{Version: version, Tracks: &tracks, Rates: &rates, Staff: &staff, Part2: &part2}, errs
}

// fieldPathRE splits a field path such as tracks[2].end_time.
var fieldPathRE = regexp.MustCompile(`^(tracks|rates|staff)\[(\d+)\]\.?([a-z_]*)$`)

// anchorErrors links the store's field errors to the form's inputs.
func (f *programSettingsForm) anchorErrors(fields []carepath.FieldError) []errorLink {
	var out []errorLink
	for _, fe := range fields {
		anchor := "settings-save"
		if m := fieldPathRE.FindStringSubmatch(fe.Field); m != nil {
			i, _ := strconv.Atoi(m[2])
			switch {
			case m[1] == "tracks" && i < len(f.trackRows):
				part := map[string]string{"name": "name", "days": "mon", "start_time": "start", "end_time": "end"}[m[3]]
				if part == "" {
					part = "name"
				}
				anchor = fmt.Sprintf("track-%d-%s", f.trackRows[i], part)
				fe.Message = fmt.Sprintf("Track %d: %s", f.trackRows[i]+1, fe.Message)
			case m[1] == "rates" && i < len(f.rateServices):
				anchor = "rate-" + f.rateServices[i]
				fe.Message = carepath.RateLabel(f.rateServices[i]) + ": " + fe.Message
			case m[1] == "staff" && i < len(f.staffAnchors):
				anchor = f.staffAnchors[i]
			}
		} else if fe.Field == "tracks" && len(f.trackRows) > 0 {
			anchor = fmt.Sprintf("track-%d-name", f.trackRows[0])
		}
		out = append(out, errorLink{Anchor: anchor, Message: fe.Message})
	}
	return out
}
