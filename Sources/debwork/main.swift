print("debwork")
