module toyredis

go 1.19
