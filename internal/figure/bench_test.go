package figure_test

import (
	"fmt"
	"testing"

	"dossier/internal/figure"
	"dossier/internal/model"
)

// BenchmarkLayoutRoutes tries to lay out the route diagram of 300 routes,
// each from one of 300 places through another to a third: at every size
// it tries, none fits a page, so the table of routes stands alone. Placing
// the places in columns (Eades, Lin and Smyth's order), which each try
// does, keeps each place's routes in and out as places are taken, instead
// of counting them again over every step for every place.
func BenchmarkLayoutRoutes(b *testing.B) {
	const n = 300
	var places []*model.Entity
	for i := range n {
		places = append(places, &model.Entity{ID: fmt.Sprintf("place-%d", i), Name: fmt.Sprintf("Place %d", i), Kind: model.Place})
	}
	at := func(i int) *model.RoutePoint { return &model.RoutePoint{Entity: places[i%n]} }
	var routes []*model.Route
	for i := range n {
		routes = append(routes, &model.Route{What: "arms", From: at(i), Via: []model.RoutePoint{*at(i*7 + 3)}, To: at(i*13 + 5)})
	}
	d := &model.Dossier{Entities: places, Markets: &model.MarketSummary{Routes: routes}}
	o := figure.Options{Measurer: measurer(b)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := figure.Layout(d, o); err != nil {
			b.Fatal(err)
		}
	}
}
