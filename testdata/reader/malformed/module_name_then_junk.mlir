module @bu@iltin_int_return {
}
