package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// formWith returns a copy of f with the given keys set, leaving f as it was.
func formWith(f url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// TestEpisodePages admits, transfers and discharges through the chart's forms: a second
// admission is 409, a stale transfer is 409 and changes nothing, a discharge without a reason
// is 400 naming it, and every success goes back to the chart, whose timeline shows the change.
func TestEpisodePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedChart(t, st)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	chart := "/staff/clients/" + s.Client.ID
	cli := apptest.System()
	outpatient, err := store.NewProgramService(st).CreateProgram(cli, carepath.ProgramCreate{Name: "Weekly Therapy",
		Level: carepath.LevelOutpatient, TimeZone: "America/New_York"})
	if err != nil {
		t.Fatal(err)
	}
	episode := chart + "/episodes/" + s.Episode.ID

	t.Run("chart offers the forms", func(t *testing.T) {
		code, _, body := ana("GET", chart, nil)
		for _, want := range []string{`href="` + chart + `/episodes/new"`, `href="` + episode + `/transfer"`,
			`href="` + episode + `/discharge"`, `id="episode-` + s.Episode.ID + `"`} {
			if !strings.Contains(body, want) {
				t.Errorf("chart lacks %s", want)
			}
		}
		if code != 200 {
			t.Errorf("chart: %d", code)
		}
		if _, _, body := desk("GET", chart, nil); strings.Contains(body, "/episodes/new") {
			t.Error("the front desk is offered the admit form")
		}
		census := "/staff/programs/" + s.Program.ID + "/census"
		if code, _, body := ana("GET", census, nil); code != 200 || !strings.Contains(body, `href="`+episode+`/transfer"`) {
			t.Errorf("census as the clinician: %d, no transfer link", code)
		}
		if code, _, body := desk("GET", census, nil); code != 200 || strings.Contains(body, "/transfer") {
			t.Errorf("census as the front desk: %d, or it offers a transfer", code)
		}
	})
	t.Run("front desk may not use the forms", func(t *testing.T) {
		for _, p := range []string{chart + "/episodes/new", episode + "/transfer", episode + "/discharge"} {
			if code, _, _ := desk("GET", p, nil); code != 403 {
				t.Errorf("GET %s as front desk: %d", p, code)
			}
		}
		if code, _, _ := desk("POST", chart+"/episodes", url.Values{"program_id": {outpatient.ID}, "on": {"2026-02-01"}}); code != 403 {
			t.Errorf("admit as front desk: %d", code)
		}
		if n := len(apptest.ClientEpisodes(t, st, s.Client.ID)); n != 1 {
			t.Errorf("episodes after a refused admission: %d", n)
		}
	})
	t.Run("another clinician's client is not found", func(t *testing.T) {
		if code, _, body := ana("GET", "/staff/clients/"+s.Other.ID+"/episodes/new", nil); code != 404 || strings.Contains(body, "Harper") {
			t.Errorf("other client's admit form: %d", code)
		}
		if code, _, _ := ana("GET", "/staff/clients/"+s.Client.ID+"/episodes/"+s.Other.ID+"/transfer", nil); code != 404 {
			t.Errorf("an id that is not the client's episode: %d", code)
		}
	})

	t.Run("admit form", func(t *testing.T) {
		code, _, body := ana("GET", chart+"/episodes/new", nil)
		for _, want := range []string{`<label for="admit-program">`, `value="` + outpatient.ID + `"`, "Weekly Therapy",
			`<label for="admit-level">`, `<label for="admit-on">`, `type="date"`} {
			if !strings.Contains(body, want) {
				t.Errorf("admit form lacks %s", want)
			}
		}
		if code != 200 {
			t.Errorf("admit form: %d", code)
		}
	})
	t.Run("admit with problems names the fields and keeps the values", func(t *testing.T) {
		code, _, body := ana("POST", chart+"/episodes", url.Values{"program_id": {outpatient.ID}, "level": {"hospital"}, "on": {"2026-02-31"}})
		if code != 400 {
			t.Errorf("bad admission: %d", code)
		}
		for _, want := range []string{`href="#admit-level"`, `href="#admit-on"`, `id="admit-level-error"`, `id="admit-on-error"`,
			`value="2026-02-31"`, `<option value="` + outpatient.ID + `" selected>`} {
			if !strings.Contains(body, want) {
				t.Errorf("bad admission page lacks %s", want)
			}
		}
		code, _, body = ana("POST", chart+"/episodes", url.Values{"on": {"2026-02-01"}})
		if code != 400 || !strings.Contains(body, `href="#admit-program"`) || !strings.Contains(body, `value="2026-02-01"`) {
			t.Errorf("admission without a program: %d", code)
		}
	})
	t.Run("admit, then a second admission to the same program is 409", func(t *testing.T) {
		code, loc, _ := ana("POST", chart+"/episodes", url.Values{"program_id": {outpatient.ID}, "on": {"2026-02-01"}})
		if code != 303 || !strings.HasPrefix(loc, chart+"#episode-") {
			t.Fatalf("admit: %d %s", code, loc)
		}
		list := apptest.ClientEpisodes(t, st, s.Client.ID)
		if len(list) != 2 || list[1].ProgramID != outpatient.ID || list[1].Level != carepath.LevelOutpatient || list[1].AdmittedOn != "2026-02-01" {
			t.Fatalf("episodes after admission: %+v", list)
		}
		if _, _, body := ana("GET", chart, nil); !strings.Contains(body, "Weekly Therapy") || !strings.Contains(body, "2026-02-01") {
			t.Error("the chart does not show the admission")
		}
		code, _, body := ana("POST", chart+"/episodes", url.Values{"program_id": {outpatient.ID}, "on": {"2026-03-01"}})
		if code != 409 || !strings.Contains(body, "already has an open episode in this program") ||
			!strings.Contains(body, `value="2026-03-01"`) || !strings.Contains(body, `href="#admit-program"`) {
			t.Errorf("second admission: %d", code)
		}
		if n := len(apptest.ClientEpisodes(t, st, s.Client.ID)); n != 2 {
			t.Errorf("episodes after the refused second admission: %d", n)
		}
	})

	t.Run("transfer form", func(t *testing.T) {
		code, _, body := ana("GET", episode+"/transfer", nil)
		for _, want := range []string{`name="version" value="` + strconv.Itoa(s.Episode.Version) + `"`, `<label for="transfer-to-level">`,
			`value="outpatient"`, "Step down to Individual therapy", "Step up to Partial Hospitalization", `<label for="transfer-reason">`,
			`<label for="transfer-note">`, `<label for="transfer-on">`} {
			if !strings.Contains(body, want) {
				t.Errorf("transfer form lacks %s", want)
			}
		}
		if code != 200 || strings.Contains(body, `<option value="iop"`) {
			t.Errorf("transfer form: %d (offers the current level?)", code)
		}
	})
	transfer := url.Values{"version": {strconv.Itoa(s.Episode.Version)}, "to_level": {"outpatient"}, "on": {"2026-02-10"},
		"reason": {"improvement"}, "note": {"Attending work again"}}
	t.Run("transfer without a reason is 400", func(t *testing.T) {
		f := formWith(transfer, "reason", "")
		code, _, body := ana("POST", episode+"/transfer", f)
		if code != 400 || !strings.Contains(body, `href="#transfer-reason"`) || !strings.Contains(body, "Attending work again") {
			t.Errorf("transfer without a reason: %d", code)
		}
		code, _, body = ana("POST", episode+"/transfer", formWith(transfer, "on", "2026-01-01"))
		if code != 400 || !strings.Contains(body, `href="#transfer-on"`) || !strings.Contains(body, "2026-01-20") {
			t.Errorf("transfer before the last one: %d", code)
		}
	})
	t.Run("stale transfer is 409 and changes nothing", func(t *testing.T) {
		// Someone else steps the client up to PHP after the form was opened.
		if _, err := store.NewEpisodeService(st).TransferEpisode(cli, s.Episode.ID, carepath.EpisodeTransfer{Version: s.Episode.Version,
			ToLevel: carepath.LevelPHP, On: "2026-02-05", Reason: "Worse again"}); err != nil {
			t.Fatal(err)
		}
		before := apptest.ClientEpisodes(t, st, s.Client.ID)[0]
		code, _, body := ana("POST", episode+"/transfer", transfer)
		if code != 409 || !strings.Contains(body, "Nothing was saved") || !strings.Contains(body, "Someone else changed this episode") ||
			!strings.Contains(body, "Attending work again") || !strings.Contains(body, `name="version" value="`+strconv.Itoa(before.Version)+`"`) {
			t.Errorf("stale transfer: %d", code)
		}
		after := apptest.ClientEpisodes(t, st, s.Client.ID)[0]
		if after.Version != before.Version || after.Level != carepath.LevelPHP || len(after.Transfers) != len(before.Transfers) {
			t.Errorf("a stale transfer changed the episode: %+v", after)
		}
		// Submitting again applies the change to the episode as it is now.
		code, loc, _ := ana("POST", episode+"/transfer", formWith(transfer, "version", strconv.Itoa(before.Version)))
		if code != 303 || loc != chart+"#episode-"+s.Episode.ID {
			t.Fatalf("transfer: %d %s", code, loc)
		}
		e := apptest.ClientEpisodes(t, st, s.Client.ID)[0]
		if e.Level != carepath.LevelOutpatient || len(e.Transfers) != 3 || e.Transfers[2].Reason != "Clinical improvement: Attending work again" ||
			e.Transfers[2].Direction != carepath.StepDown {
			t.Errorf("after the transfer: %+v", e)
		}
		if _, _, body := ana("GET", chart, nil); !strings.Contains(body, "step down from Partial Hospitalization Program (PHP) to Individual therapy (outpatient) — Clinical improvement: Attending work again") {
			t.Error("the chart's timeline does not show the step-down")
		}
	})

	t.Run("discharge form", func(t *testing.T) {
		code, _, body := ana("GET", episode+"/discharge", nil)
		for _, want := range []string{"<legend>Reason for discharge</legend>", `id="discharge-reason-left_against_advice"`,
			`<label for="discharge-reason-completed">`, `<label for="discharge-on">`, `<label for="discharge-note">`} {
			if !strings.Contains(body, want) {
				t.Errorf("discharge form lacks %s", want)
			}
		}
		if code != 200 {
			t.Errorf("discharge form: %d", code)
		}
	})
	version := strconv.Itoa(apptest.ClientEpisodes(t, st, s.Client.ID)[0].Version)
	t.Run("discharge without a reason is 400 naming it", func(t *testing.T) {
		code, _, body := ana("POST", episode+"/discharge", url.Values{"version": {version}, "on": {"2026-03-01"}, "note": {"Moving to weekly therapy"}})
		if code != 400 || !strings.Contains(body, `href="#discharge-reason-completed"`) || !strings.Contains(body, `id="discharge-reason-error"`) ||
			!strings.Contains(body, "Moving to weekly therapy") || !strings.Contains(body, `value="2026-03-01"`) {
			t.Errorf("discharge without a reason: %d", code)
		}
		if e := apptest.ClientEpisodes(t, st, s.Client.ID)[0]; e.Status != carepath.EpisodeOpen {
			t.Error("a refused discharge closed the episode")
		}
	})
	t.Run("discharge", func(t *testing.T) {
		code, loc, _ := ana("POST", episode+"/discharge", url.Values{"version": {version}, "on": {"2026-03-01"},
			"reason": {"transferred"}, "note": {"Moving to weekly therapy"}})
		if code != 303 || loc != chart+"#episode-"+s.Episode.ID {
			t.Fatalf("discharge: %d %s", code, loc)
		}
		if _, _, body := ana("GET", chart, nil); !strings.Contains(body, "discharged — transferred: Moving to weekly therapy") {
			t.Error("the chart's timeline does not show the discharge")
		}
		code, _, body := ana("POST", episode+"/discharge", url.Values{"version": {version}, "on": {"2026-03-01"}, "reason": {"completed"}})
		if code != 409 || !strings.Contains(body, "has been discharged") || strings.Contains(body, `id="discharge-form"`) {
			t.Errorf("second discharge: %d", code)
		}
		if code, _, body := ana("GET", episode+"/transfer", nil); code != 200 || strings.Contains(body, `id="transfer-form"`) {
			t.Errorf("transfer form of a discharged episode: %d", code)
		}
	})
}
