package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestClaimCorrections walks a claim's corrections: an 835's payer claim control number is
// stored with the claim; a replacement bills the claim's charges as the chart now has them
// (a diagnosis added since) with frequency 7 and REF*F8, takes over the charges and leaves the
// original replaced; a void of the replacement sends its lines with frequency 8 and the number
// typed in, and frees the charges for a new batch. Every refusal names its field and writes
// nothing.
func TestClaimCorrections(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clinician := apptest.AddStaff(t, env.Store, "ana@example.org", carepath.RoleClinician)
		seed := apptest.SeedBillable(t, env.Store, clinician)
		svc := store.NewClaimService(env.Store)
		desk := actorAs(carepath.RoleFrontDesk, "staff-desk")
		october := carepath.ClaimBatchInput{PayerID: "60054", From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I}
		first, err := svc.CreateClaimBatch(desk, october)
		if err != nil || len(first.Claims) != 1 || first.Claims[0].Lines != 3 {
			t.Fatalf("first batch = %+v, %v", first, err)
		}
		original := first.Claims[0].ID
		rows := func() string {
			var out []string
			for _, table := range []string{"claim_batches", "claims", "claim_charges"} {
				out = append(out, table+":"+string(rune('0'+apptest.CountRows(t, env.Write, table, "1 = 1"))))
			}
			var statuses []string
			rs, err := env.Write.Query(`SELECT status || COALESCE(corrected_by, '') FROM claims ORDER BY id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rs.Close()
			for rs.Next() {
				var s string
				_ = rs.Scan(&s)
				statuses = append(statuses, s)
			}
			return strings.Join(append(out, statuses...), " ")
		}
		refused := func(what string, err error, code, field string) {
			t.Helper()
			if carepath.ErrorCode(err) != code || !slices.Equal(fieldPaths(err), []string{field}) {
				t.Errorf("%s = %v (%s %v), want %s naming %s", what, err, carepath.ErrorCode(err), fieldPaths(err), code, field)
			}
		}

		// No 835 yet: the payer's number is unknown, and a malformed one is refused.
		before := rows()
		_, err = svc.ReplaceClaim(desk, original, carepath.ClaimCorrectionInput{})
		refused("replacement without a payer claim control number", err, carepath.EINVALID, "payer_claim_control")
		_, err = svc.VoidClaim(desk, original, carepath.ClaimCorrectionInput{PayerClaimControl: "12*34"})
		refused("void with a malformed number", err, carepath.EINVALID, "payer_claim_control")
		_, err = svc.ReplaceClaim(desk, "B999C0001", carepath.ClaimCorrectionInput{PayerClaimControl: "1"})
		if carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("replacement of no such claim = %v", err)
		}
		_, err = svc.ReplaceClaim(actorAs(carepath.RoleClinician, clinician.ID), original, carepath.ClaimCorrectionInput{PayerClaimControl: "1"})
		if code := carepath.ErrorCode(err); code != carepath.EFORBIDDEN && code != carepath.ENOTFOUND {
			t.Errorf("a clinician's replacement = %v", err)
		}

		remit := apptest.Hand835(original, apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 300_00})
		if r, err := svc.PostRemittance(asAdmin, []byte(remit)); err != nil || len(r.Claims) != 1 || r.Claims[0].PayerClaimControl != "PAYERCTRL9" {
			t.Fatalf("PostRemittance = %+v, %v", r, err)
		}
		if b, err := svc.FindClaimBatch(desk, first.ID); err != nil || b.Claims[0].PayerClaimControl != "PAYERCTRL9" || b.Claims[0].Status != carepath.ClaimPaid {
			t.Fatalf("after the 835: %+v, %v", b.Claims[0], err)
		}
		if after := rows(); !strings.HasPrefix(after, strings.Fields(before)[0]) {
			t.Fatalf("refusals wrote rows: %s, then %s", before, after)
		}

		// The chart is corrected: a second diagnosis the claim should have carried.
		if _, err := store.NewDiagnosisService(env.Store).AddDiagnosis(apptest.System(), seed.Client.ID, carepath.DiagnosisInput{Code: "F41.1"}); err != nil {
			t.Fatal(err)
		}
		repl, err := svc.ReplaceClaim(desk, original, carepath.ClaimCorrectionInput{})
		if err != nil || len(repl.Claims) != 1 || repl.Claims[0].Lines != 3 || repl.Claims[0].Frequency != "7" ||
			repl.Claims[0].Corrects != original || repl.Claims[0].CorrectsBatch != first.ID || repl.PayerID != first.PayerID || repl.Format != first.Format {
			t.Fatalf("ReplaceClaim = %+v, %v", repl, err)
		}
		replacement := repl.Claims[0].ID
		file, err := svc.ClaimBatchFile(desk, repl.ID)
		if err != nil || !strings.Contains(string(file), "*76:A:7*") || !strings.Contains(string(file), "~REF*F8*PAYERCTRL9~") ||
			!strings.Contains(string(file), "ABF:F411") {
			t.Fatalf("replacement file: %v\n%s", err, file)
		}
		old, err := svc.FindClaimBatch(desk, first.ID)
		if err != nil || old.Claims[0].Status != carepath.ClaimReplaced || old.Claims[0].CorrectedBy != replacement || old.Claims[0].CorrectedByBatch != repl.ID {
			t.Fatalf("the original after its replacement: %+v, %v", old.Claims[0], err)
		}
		if n := apptest.CountRows(t, env.Write, "claim_charges", "claim_id = '"+first.ID+":"+original+"'"); n != 0 {
			t.Errorf("the original still holds %d charges", n)
		}
		if n := apptest.CountRows(t, env.Write, "claim_charges", "claim_id = '"+repl.ID+":"+replacement+"'"); n != 3 {
			t.Errorf("the replacement holds %d charges, want 3", n)
		}
		if bal, err := svc.FindClientBalance(asAdmin, seed.Client.ID); err != nil || bal.Charged != 900_00 {
			t.Errorf("balance after the replacement = %+v, %v; want the days charged once", bal, err)
		}

		// The original is corrected once; the replacement holds the charges.
		before = rows()
		_, err = svc.ReplaceClaim(desk, original, carepath.ClaimCorrectionInput{})
		refused("a second replacement", err, carepath.ECONFLICT, "id")
		if !strings.Contains(carepath.ErrorMessage(err), repl.ID) {
			t.Errorf("the refusal does not name the replacement's batch: %v", err)
		}
		_, err = svc.VoidClaim(desk, original, carepath.ClaimCorrectionInput{})
		refused("a void of the replaced claim", err, carepath.ECONFLICT, "id")
		_, err = svc.CreateClaimBatch(desk, october)
		refused("October again", err, carepath.EINVALID, "payer_id")
		if after := rows(); after != before {
			t.Fatalf("refusals wrote: %s, then %s", before, after)
		}

		// The payer's answer to a replacement: it takes back what it paid on the original (status
		// 22) and pays the replacement, in one 835. Both post; the original stays replaced, and
		// the client's account counts the insurer's payment once.
		paid := apptest.RemitLine{Paid: 300_00}
		three := []apptest.RemitLine{paid, paid, paid}
		r, err := svc.PostRemittance(asAdmin, []byte(apptest.HandReversal835(original, three, replacement, three)))
		if err != nil || len(r.Claims) != 2 || len(r.Unmatched) != 0 || r.Postings != 6 {
			t.Fatalf("835 reversing the original and paying the replacement = %+v, %v", r, err)
		}
		for _, c := range r.Claims {
			if want := map[string]string{original: carepath.ClaimReplaced, replacement: carepath.ClaimPaid}[c.ID]; c.Status != want {
				t.Errorf("claim %s after the 835: %s, want %s", c.ID, c.Status, want)
			}
		}
		if bal, err := svc.FindClientBalance(desk, seed.Client.ID); err != nil || bal.InsurancePaid != 900_00 || bal.Charged != 900_00 {
			t.Errorf("balance after the reversal and the replacement's payment = %+v, %v; want 900.00 charged and paid once", bal, err)
		}
		// An ordinary payment naming the replaced original matches nothing.
		if r, err := svc.PostRemittance(asAdmin, []byte(apptest.Hand835(original, paid))); err != nil || len(r.Claims) != 0 || len(r.Unmatched) == 0 {
			t.Errorf("835 for the replaced original = %+v, %v", r, err)
		}
		if b, _ := svc.FindClaimBatch(desk, first.ID); b.Claims[0].Status != carepath.ClaimReplaced {
			t.Errorf("the original after an 835 naming it: %s", b.Claims[0].Status)
		}

		// The replacement is voided with the number from the payer's portal; its charges are
		// then billed again.
		void, err := svc.VoidClaim(desk, replacement, carepath.ClaimCorrectionInput{PayerClaimControl: " R-778 "})
		if err != nil || len(void.Claims) != 1 || void.Claims[0].Frequency != "8" || void.Claims[0].Lines != 3 || void.Total != 900_00 {
			t.Fatalf("VoidClaim = %+v, %v", void, err)
		}
		file, err = svc.ClaimBatchFile(desk, void.ID)
		if err != nil || !strings.Contains(string(file), "*76:A:8*") || !strings.Contains(string(file), "~REF*F8*R-778~") {
			t.Fatalf("void file: %v\n%s", err, file)
		}
		if b, _ := svc.FindClaimBatch(desk, repl.ID); b.Claims[0].Status != carepath.ClaimVoided || b.Claims[0].CorrectedBy != void.Claims[0].ID ||
			b.Claims[0].PayerClaimControl != "R-778" {
			t.Errorf("the replacement after its void: %+v", b.Claims[0])
		}
		if bal, err := svc.FindClientBalance(asAdmin, seed.Client.ID); err != nil || bal.Charged != 0 {
			t.Errorf("balance after the void = %+v, %v; want nothing charged", bal, err)
		}
		_, err = svc.VoidClaim(desk, void.Claims[0].ID, carepath.ClaimCorrectionInput{PayerClaimControl: "1"})
		refused("a void of the void", err, carepath.ECONFLICT, "id")
		again, err := svc.CreateClaimBatch(desk, october)
		if err != nil || len(again.Claims) != 1 || again.Claims[0].Lines != 3 || again.Claims[0].Frequency != "2" {
			t.Fatalf("October after the void = %+v, %v", again, err)
		}

		// A claim never sent (held: nothing to bill in November) is not corrected.
		held, err := svc.CreateClaimBatch(desk, carepath.ClaimBatchInput{PayerID: "60054", From: "2026-11-01", To: "2026-11-30",
			Format: carepath.Claim837I, ClientIDs: []string{seed.Client.ID}})
		if err != nil || held.Claims[0].Status != carepath.ClaimHeld {
			t.Fatalf("November = %+v, %v", held, err)
		}
		_, err = svc.ReplaceClaim(desk, held.Claims[0].ID, carepath.ClaimCorrectionInput{PayerClaimControl: "1"})
		refused("a replacement of a held claim", err, carepath.ECONFLICT, "id")
	})
}
