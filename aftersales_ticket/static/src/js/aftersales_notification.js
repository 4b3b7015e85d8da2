/* Copyright 2026 After-Sales Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html). */
odoo.define('aftersales_ticket.notification', function (require) {
"use strict";

/* Odoo 11's web client has no handler for the bus message
 * {type: 'simple_notification', title, message, sticky, warning} sent on the
 * user's partner channel (Odoo 12 shows it as a notification; Odoo 11's mail
 * module drops it): shown here, as Odoo 12 does, so that a user told about a
 * document prepared for someone else (aftersales.mixin
 * _aftersales_open_documents) sees it at once. */
var bus = require('bus.bus').bus;
var WebClient = require('web.WebClient');

WebClient.include({
    show_application: function () {
        bus.on('notification', this, function (notifications) {
            _.each(notifications, (function (notification) {
                var channel = notification[0];
                var message = notification[1];
                if (_.isArray(channel) && channel[1] === 'res.partner' &&
                        message && message.type === 'simple_notification') {
                    if (message.warning) {
                        this.do_warn(message.title, message.message,
                                     message.sticky);
                    } else {
                        this.do_notify(message.title, message.message,
                                       message.sticky);
                    }
                }
            }).bind(this));
        });
        return this._super.apply(this, arguments);
    },
});

});
