/** The acknowledgement a reporter gets when no 常用语 for state `reported` is set. */
export const DEFAULT_ACK = '您反映的问题已收到，我们会尽快核实处理，处理进展会通知您。';
