console.log('example app: the Auth construct lands in the following commits');
