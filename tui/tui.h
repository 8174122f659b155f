/*
 * tui.h - `shelf` with no subcommand: the admin TUI for the operator at
 * the keyboard (see session.h), with the tabs of its role.
 */
#ifndef SHELF_TUI_H
#define SHELF_TUI_H

/* tui_main - argv may hold --operator NAME; returns the exit status. */
int tui_main(int argc, char **argv);

#endif
