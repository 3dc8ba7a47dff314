package placement

import "github.com/carepath/carepath/instrument"

// memory is what one recommendation needs of a known size, allocated at once: its working
// memory, its scores, its not-recommended levels, services and flags. A recommendation makes
// one allocation here instead of five.
type memory struct {
	work
	scores         [nScores]instrument.Score            // in the order of Scores
	notRecommended [len(levelOfRank) - 1]NotRecommended // every level but the recommended one
	floorReasons   [4]FloorReason                       // the floor rules that hold, when no more than 4
	services       [nServices]Service                   // the services that hold
	flags          [nFlags]Flag                         // the flags that hold
}
