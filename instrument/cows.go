package instrument

// cows is the Clinical Opiate Withdrawal Scale: eleven signs and symptoms a clinician rates,
// each with its own published points (pulse 0, 1, 2 or 4; restlessness 0, 1, 3 or 5; and so
// on), for a total of 0–48. Answers are option indices, which differ from the points wherever
// the scale skips a number. Bands are the published ones: 5–12 mild, 13–24 moderate, 25–36
// moderately severe, more than 36 severe; below 5 the scale names no withdrawal.
var cows = &Instrument{
	ID:    COWS,
	Name:  "COWS",
	Title: "Clinical Opiate Withdrawal Scale",
	Instructions: "For each item, choose the description that best matches the person's signs or symptoms now. " +
		"Rate only what is due to opioid withdrawal: if the heart rate is raised because the person was just jogging, " +
		"for example, it would not add to the score.",
	Attribution: "Wesson DR, Ling W. The Clinical Opiate Withdrawal Scale (COWS). Journal of Psychoactive Drugs " +
		"2003;35(2):253–259. Reproduced for clinical use.",
	Items: []Item{
		{Key: "item1", Text: "Resting pulse rate, beats a minute, measured after the person has been sitting or lying for one minute.",
			Options: []Option{{"80 or below", 0}, {"81–100", 1}, {"101–120", 2}, {"greater than 120", 4}}},
		{Key: "item2", Text: "Sweating over the past half hour, not accounted for by room temperature or activity.",
			Options: []Option{{"no report of chills or flushing", 0}, {"subjective report of chills or flushing", 1},
				{"flushed or observable moistness on face", 2}, {"beads of sweat on brow or face", 3}, {"sweat streaming off face", 4}}},
		{Key: "item3", Text: "Restlessness, observed during the assessment.",
			Options: []Option{{"able to sit still", 0}, {"reports difficulty sitting still, but is able to do so", 1},
				{"frequent shifting or extraneous movements of legs or arms", 3}, {"unable to sit still for more than a few seconds", 5}}},
		{Key: "item4", Text: "Pupil size.",
			Options: []Option{{"pupils pinned or normal size for room light", 0}, {"pupils possibly larger than normal for room light", 1},
				{"pupils moderately dilated", 2}, {"pupils so dilated that only the rim of the iris is visible", 5}}},
		{Key: "item5", Text: "Bone or joint aches: if the person had pain before, score only the part due to opioid withdrawal.",
			Options: []Option{{"not present", 0}, {"mild diffuse discomfort", 1}, {"reports severe diffuse aching of joints or muscles", 2},
				{"rubbing joints or muscles and unable to sit still because of the discomfort", 4}}},
		{Key: "item6", Text: "Runny nose or tearing, not accounted for by cold symptoms or allergies.",
			Options: []Option{{"not present", 0}, {"nasal stuffiness or unusually moist eyes", 1}, {"nose running or tearing", 2},
				{"nose constantly running or tears streaming down cheeks", 4}}},
		{Key: "item7", Text: "Stomach or bowel upset over the last half hour.",
			Options: []Option{{"no stomach or bowel symptoms", 0}, {"stomach cramps", 1}, {"nausea or loose stool", 2},
				{"vomiting or diarrhea", 3}, {"multiple episodes of diarrhea or vomiting", 5}}},
		{Key: "item8", Text: "Tremor, observed with hands outstretched.",
			Options: []Option{{"no tremor", 0}, {"tremor can be felt, but not observed", 1}, {"slight tremor observable", 2},
				{"gross tremor or muscle twitching", 4}}},
		{Key: "item9", Text: "Yawning, observed during the assessment.",
			Options: []Option{{"no yawning", 0}, {"yawning once or twice during the assessment", 1},
				{"yawning three or more times during the assessment", 2}, {"yawning several times a minute", 4}}},
		{Key: "item10", Text: "Anxiety or irritability.",
			Options: []Option{{"none", 0}, {"reports increasing irritability or anxiousness", 1}, {"obviously irritable or anxious", 2},
				{"so irritable or anxious that taking part in the assessment is difficult", 4}}},
		{Key: "item11", Text: "Gooseflesh skin.",
			Options: []Option{{"skin is smooth", 0}, {"piloerection of skin can be felt or hairs standing up on arms", 3},
				{"prominent piloerection", 5}}},
	},
	Bands: []Band{
		{Code: "none", Label: "No active withdrawal", Min: 0, Max: 4},
		{Code: "mild", Label: "Mild withdrawal", Min: 5, Max: 12},
		{Code: "moderate", Label: "Moderate withdrawal", Min: 13, Max: 24},
		{Code: "moderately_severe", Label: "Moderately severe withdrawal", Min: 25, Max: 36},
		{Code: "severe", Label: "Severe withdrawal", Min: 37, Max: 48},
	},
	MaxTotal:       48,
	ClinicianRated: true,
}
