module @x
