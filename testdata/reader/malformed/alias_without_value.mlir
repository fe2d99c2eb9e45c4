#map = module {
}
