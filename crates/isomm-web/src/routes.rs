//! Every route of the application in one table: method, path, who may call it ([`Rule`]), the body
//! it takes ([`Body`]) and its handler. This is the only file that names handlers; the router is
//! built from the table ([`crate::app`]) and the access and CSRF tests walk it, so a route without a
//! rule or a write without its token check cannot exist (axum cannot list a router's routes).

use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use isomm_store::accounts::Access;

use crate::base::AppState;
use crate::base::access::{ClosedRounds, Rule};
use crate::base::bounds::Body;
use crate::base::confirm::Confirm;
use crate::{
    accounts, admin, assessments, audit, catalog, home, import, invitations, members, plan,
    respondents, results, rounds, sheet,
};

/// One route: method, path (axum's syntax), rule, the body it takes, handler.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub rule: Rule,
    pub body: Body,
    /// A write that loses something is confirmed first ([`crate::base::confirm`]).
    pub confirm: Option<Confirm>,
    /// Whether the route may write to a closed round (reopening it); every other POST on a
    /// closed round is refused ([`crate::base::access`]).
    pub closed: ClosedRounds,
    pub handler: MethodRouter<AppState>,
}

/// A route; a POST takes a small form ([`crate::base::bounds::Body::Form`]) unless it says otherwise
/// ([`Route::takes`]), anything else no body.
fn route(method: Method, path: &'static str, rule: Rule, handler: MethodRouter<AppState>) -> Route {
    Route {
        body: if method == Method::POST {
            Body::Form
        } else {
            Body::None
        },
        method,
        path,
        rule,
        confirm: None,
        closed: ClosedRounds::Refused,
        handler,
    }
}

impl Route {
    /// Declares the body this route takes, when it is not a small form.
    fn takes(self, body: Body) -> Route {
        Route { body, ..self }
    }

    /// Declares a write that closed rounds take (reopening one).
    fn on_closed_rounds(self) -> Route {
        Route {
            closed: ClosedRounds::Allowed,
            ..self
        }
    }

    /// Declares a page that is only the form of a write: a closed round refuses it as the write.
    fn form_of_a_write(self) -> Route {
        Route {
            closed: ClosedRounds::Form,
            ..self
        }
    }

    /// Declares that the write is confirmed first, with the page of `what`.
    fn confirmed(self, what: Confirm) -> Route {
        Route {
            confirm: Some(what),
            ..self
        }
    }
}

/// Every route of the application.
pub fn routes() -> Vec<Route> {
    use crate::base::{assets, http};
    use Access::{Assessor, Owner, Viewer};
    use Body as B;
    use Method as M;
    use Rule::*;
    vec![
        route(M::GET, "/healthz", Open, get(|| async { "ok" })),
        route(M::GET, "/readyz", Open, get(http::ready)),
        route(M::GET, "/static/app.js", Open, get(assets::app_js)),
        route(M::GET, "/static/app.css", Open, get(assets::app_css)),
        route(M::GET, "/static/report.css", Open, get(assets::report_css)),
        route(M::GET, "/static/favicon.svg", Open, get(assets::favicon)),
        route(M::GET, "/favicon.ico", Open, get(assets::favicon)),
        route(M::GET, "/lang/{code}", Public, get(home::set_lang)),
        route(M::GET, "/login", Public, get(accounts::login_form)),
        route(M::POST, "/login", Public, post(accounts::login)),
        route(M::GET, "/setup/{token}", Public, get(accounts::setup_form)),
        route(M::POST, "/setup/{token}", Public, post(accounts::setup)),
        route(M::GET, "/invite/{token}", Public, get(invitations::form)),
        route(
            M::POST,
            "/invite/{token}",
            Public,
            post(invitations::accept),
        ),
        route(M::POST, "/logout", Account, post(accounts::logout)),
        route(
            M::POST,
            "/workspace",
            Account,
            post(accounts::switch_workspace),
        ),
        route(M::GET, "/account", Account, get(accounts::account_page)),
        route(
            M::POST,
            "/account/password",
            Account,
            post(accounts::change_password),
        ),
        route(M::GET, "/", Account, get(home::home)),
        route(M::GET, "/admin", Admin, get(admin::page)),
        route(M::GET, "/admin/audit", Admin, get(audit::instance_page)),
        route(M::GET, "/admin/audit.csv", Admin, get(audit::instance_csv)),
        route(
            M::POST,
            "/admin/workspaces",
            Admin,
            post(admin::add_workspace),
        ),
        route(M::GET, "/audit", Workspace(Owner), get(audit::page)),
        route(M::GET, "/members", Workspace(Owner), get(members::page)),
        route(M::POST, "/members", Workspace(Owner), post(members::add)),
        route(
            M::POST,
            "/members/{user}",
            Workspace(Owner),
            post(members::set),
        ),
        route(
            M::POST,
            "/members/{user}/remove",
            Workspace(Owner),
            post(members::remove),
        ),
        route(
            M::POST,
            "/members/invitations/{id}/cancel",
            Workspace(Owner),
            post(invitations::cancel),
        ),
        route(M::GET, "/audit.csv", Workspace(Owner), get(audit::csv)),
        route(
            M::POST,
            "/workspace/time-zone",
            Workspace(Owner),
            post(members::set_time_zone),
        ),
        route(M::GET, "/catalog", Account, get(catalog::catalog)),
        route(
            M::POST,
            "/assessments",
            Workspace(Assessor),
            post(assessments::create),
        )
        .takes(B::AssessmentForm),
        route(
            M::GET,
            "/assessments/new",
            Workspace(Assessor),
            get(assessments::new),
        ),
        route(
            M::GET,
            "/assessments/import",
            Workspace(Assessor),
            get(import::form),
        ),
        route(
            M::POST,
            "/assessments/import",
            Workspace(Assessor),
            post(import::import),
        )
        .takes(B::Upload),
        route(
            M::GET,
            "/assessments/{id}",
            Assessment(Assessor),
            get(assessments::show),
        ),
        route(
            M::GET,
            "/assessments/{id}/edit",
            Assessment(Assessor),
            get(assessments::edit),
        )
        .form_of_a_write(),
        route(
            M::POST,
            "/assessments/{id}/edit",
            Assessment(Assessor),
            post(assessments::update),
        )
        .takes(B::AssessmentForm),
        route(
            M::POST,
            "/assessments/{id}/delete",
            Assessment(Owner),
            post(assessments::delete),
        )
        .confirmed(Confirm::DeleteAssessment),
        route(
            M::POST,
            "/assessments/{id}/next-round",
            Assessment(Assessor),
            post(rounds::next_round),
        )
        .confirmed(Confirm::NextRound),
        route(
            M::POST,
            "/assessments/{id}/next-round/import",
            Assessment(Assessor),
            post(import::next_round),
        )
        .takes(B::Upload)
        .confirmed(Confirm::NextRound),
        route(
            M::POST,
            "/assessments/{id}/reopen-round",
            Assessment(Owner),
            post(rounds::reopen),
        )
        .confirmed(Confirm::ReopenRound)
        .on_closed_rounds(),
        route(
            M::GET,
            "/assessments/{id}/compare/{earlier}",
            Assessments(Viewer),
            get(rounds::compare_page),
        ),
        route(
            M::GET,
            "/assessments/{id}/compare/{earlier}/{file}",
            Assessments(Viewer),
            get(rounds::compare_download),
        ),
        route(
            M::GET,
            "/series/{id}",
            Series(Viewer),
            get(rounds::series_page),
        ),
        route(
            M::GET,
            "/assessments/{id}/plan",
            Assessment(Viewer),
            get(plan::page),
        ),
        route(
            M::POST,
            "/assessments/{id}/plan/items",
            Assessment(Assessor),
            post(plan::add),
        ),
        route(
            M::POST,
            "/assessments/{id}/plan/items/{key}",
            Assessment(Assessor),
            post(plan::change),
        ),
        route(
            M::POST,
            "/assessments/{id}/plan/upload",
            Assessment(Assessor),
            post(plan::upload),
        )
        .takes(B::Upload),
        route(
            M::GET,
            "/assessments/{id}/plan.csv",
            Assessment(Viewer),
            get(plan::csv),
        ),
        route(
            M::GET,
            "/assessments/{id}/plan.xlsx",
            Assessment(Viewer),
            get(plan::xlsx),
        ),
        route(
            M::GET,
            "/series/{id}/trend.csv",
            Series(Viewer),
            get(rounds::series_csv),
        ),
        route(
            M::POST,
            "/assessments/{id}/respondents",
            Assessment(Assessor),
            post(respondents::add),
        ),
        route(
            M::POST,
            "/assessments/{id}/respondents/bulk",
            Assessment(Assessor),
            post(respondents::add_many),
        )
        .takes(B::Roster),
        route(
            M::GET,
            "/assessments/{id}/respondents/{rid}",
            Assessment(Assessor),
            get(sheet::sheet),
        ),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}",
            Assessment(Assessor),
            post(sheet::save_sheet),
        )
        .takes(B::Sheet),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}/delete",
            Assessment(Assessor),
            post(respondents::remove),
        )
        .confirmed(Confirm::RemoveRespondent),
        route(
            M::GET,
            "/assessments/{id}/respondents/{rid}/sheet.xlsx",
            Assessment(Assessor),
            get(sheet::workbook),
        ),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}/upload",
            Assessment(Assessor),
            post(sheet::upload),
        )
        .takes(B::Upload),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}/answers/{role}",
            Assessment(Assessor),
            post(sheet::save_answer),
        ),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}/link",
            Assessment(Assessor),
            post(respondents::issue_link),
        )
        .confirmed(Confirm::NewLink),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}/link/revoke",
            Assessment(Assessor),
            post(respondents::revoke_link),
        )
        .confirmed(Confirm::RevokeLink),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}/submit",
            Assessment(Assessor),
            post(sheet::submit),
        ),
        route(
            M::POST,
            "/assessments/{id}/respondents/{rid}/reopen",
            Assessment(Assessor),
            post(sheet::reopen),
        )
        .confirmed(Confirm::Reopen),
        route(M::GET, "/r/{token}", Link, get(sheet::sheet)),
        route(M::POST, "/r/{token}", Link, post(sheet::save_sheet)).takes(B::Sheet),
        route(
            M::POST,
            "/r/{token}/answers/{role}",
            Link,
            post(sheet::save_answer),
        ),
        route(M::GET, "/r/{token}/sheet.xlsx", Link, get(sheet::workbook)),
        route(M::POST, "/r/{token}/upload", Link, post(sheet::upload)).takes(B::Upload),
        route(M::POST, "/r/{token}/submit", Link, post(sheet::submit)),
        route(
            M::GET,
            "/r/{token}/results",
            Link,
            get(results::shared::show),
        ),
        route(
            M::POST,
            "/assessments/{id}/share",
            Assessment(Assessor),
            post(results::shared::share),
        ),
        route(
            M::GET,
            "/assessments/{id}/results",
            Assessment(Viewer),
            get(results::show),
        ),
        route(
            M::GET,
            "/assessments/{id}/result.json",
            Assessment(Viewer),
            get(results::json),
        ),
        route(
            M::GET,
            "/assessments/{id}/result.csv",
            Assessment(Viewer),
            get(results::csv),
        ),
        route(
            M::GET,
            "/assessments/{id}/report.html",
            Assessment(Viewer),
            get(results::html),
        ),
        route(
            M::GET,
            "/assessments/{id}/report.pdf",
            Assessment(Viewer),
            get(results::pdf),
        ),
        route(
            M::GET,
            "/assessments/{id}/report.xlsx",
            Assessment(Viewer),
            get(results::xlsx),
        ),
        route(
            M::GET,
            "/assessments/{id}/answers.csv",
            Assessment(Assessor),
            get(results::answers_csv),
        ),
    ]
}
