"""Reading the Ombudsman's Word form, shared by `import` and `code import`."""
