//! isomm report
